// docker-compose.yml, the Dockerfile and the kustomize base checked against the code: every
// command is a built entry point, every variable one the apps read, ports and health checks
// those the apps serve. There is no Docker engine here: the files are read, not run.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ROOT, appOfCommand, healthPaths } from './app-facts.js';
import { composeProblems, gatewayServices, type Compose, type Files } from './check-compose.js';
import { imageProblems } from './check-image.js';
import { K8S_BASE, k8sProblems, loadBase, type Manifest } from './check-k8s.js';

const files: Files = {
  exists: (path) => existsSync(join(ROOT, path)),
  read: (path) => readFileSync(join(ROOT, path), 'utf8'),
};
const compose = (): Compose => parse(files.read('docker-compose.yml'), { merge: true }) as Compose;
const dockerfile = files.read('Dockerfile');
const base = () => loadBase(files);

type Mutable<T> = { -readonly [K in keyof T]: Mutable<T[K]> };
const mutable = <T>(value: T): Mutable<T> => structuredClone(value);

function commandsOf(): string[] {
  const fromCompose = gatewayServices(compose()).map(({ service }) =>
    String((service.command as string[])[1]),
  );
  const fromK8s = base().manifests.flatMap((m) =>
    (m.spec?.template?.spec.containers ?? []).flatMap((c) =>
      c.command?.[0] === 'node' && c.command[1]?.startsWith('apps/') ? [c.command[1]] : [],
    ),
  );
  return [...new Set([...fromCompose, ...fromK8s])];
}

describe('what the code serves', () => {
  it('is read from the health controller and the apps’ main files', () => {
    expect(healthPaths().sort()).toEqual(['/health/live', '/health/ready', '/metrics']);
    expect(appOfCommand(['node', 'apps/oms/dist/main.js'])).toMatchObject({
      source: 'apps/oms/src/main.ts',
      httpPortVariable: 'HTTP_PORT',
      grpcPortVariables: ['GRPC_PORT'],
      needsDatabase: true,
      migrates: true,
    });
    expect(appOfCommand(['node', 'apps/risk/dist/main.js'])).toMatchObject({
      httpPortVariable: 'RISK_HTTP_PORT',
      grpcPortVariables: ['RISK_GRPC_PORT'],
      needsDatabase: true,
      migrates: false,
    });
    expect(appOfCommand(['node', 'apps/connector-miniqmt/dist/main.js'])).toMatchObject({
      httpPortVariable: 'CONNECTOR_HTTP_PORT',
      grpcPortVariables: [],
      needsDatabase: false,
    });
  });
});

describe('docker-compose.yml', () => {
  it('matches the apps: commands, variables, ports, health checks, scrape targets, Grafana', () => {
    expect(composeProblems(compose(), files)).toEqual([]);
  });

  it('runs postgres, redis, oms, risk, one sim connector, prometheus and grafana, each with a health check', () => {
    const services = compose().services;
    expect(Object.keys(services).sort()).toEqual(
      ['connector-sim-1', 'grafana', 'oms', 'postgres', 'prometheus', 'redis', 'risk'].sort(),
    );
    for (const [name, service] of Object.entries(services)) {
      expect([name, service.healthcheck?.test?.length ?? 0]).not.toEqual([name, 0]);
    }
  });

  type Change = (c: Mutable<Compose>) => void;
  const env = (c: Mutable<Compose>, service: string) => c.services[service]!.environment!;
  it.each<[string, Change, string]>([
    [
      'a health check on the wrong port',
      (c) => {
        c.services.oms!.healthcheck!.test = ['CMD', 'wget', 'http://127.0.0.1:8081/health/ready'];
      },
      'oms: health check asks port 8081, the app listens on 8080 (HTTP_PORT)',
    ],
    [
      'a health check on a path nobody serves',
      (c) => {
        c.services.risk!.healthcheck!.test = ['CMD', 'wget', 'http://127.0.0.1:8081/healthz'];
      },
      'risk: health check asks /healthz',
    ],
    [
      'a variable no app reads',
      (c) => {
        env(c, 'risk').RISK_PORT = '50052';
      },
      'risk: RISK_PORT is not a variable the apps read',
    ],
    [
      'a command that is not a built entry point',
      (c) => {
        c.services['connector-sim-1']!.command = ['node', 'apps/connector/dist/main.js'];
      },
      'connector-sim-1: apps/connector/dist/main.js: apps/connector has no tsconfig.json',
    ],
    [
      'risk not waiting for the schema',
      (c) => {
        delete c.services.risk!.depends_on!.oms;
      },
      'risk: reads Postgres but does not wait for a healthy service that migrates it',
    ],
    [
      'the OMS moved to another port',
      (c) => {
        env(c, 'oms').HTTP_PORT = '9000';
      },
      'prometheus: does not scrape oms:9000',
    ],
    [
      'the OMS without a database',
      (c) => {
        delete env(c, 'oms').DATABASE_URL;
      },
      'oms: apps/oms/src/main.ts needs DATABASE_URL',
    ],
    [
      'a connector id the desk does not have',
      (c) => {
        env(c, 'connector-sim-1').CONNECTOR_ID = 'sim-9';
      },
      'connector-sim-1: CONNECTOR_ID sim-9 is not a connector of config/desk.yaml',
    ],
    [
      'a published port the app does not open',
      (c) => {
        c.services.oms!.ports = ['9999:9999'];
      },
      'oms: publishes container port 9999',
    ],
    [
      'an invalid port value',
      (c) => {
        env(c, 'risk').RISK_HTTP_PORT = 'eighty';
      },
      'RISK_HTTP_PORT',
    ],
  ])('finds %s', (_case, change, problem) => {
    const changed = mutable(compose());
    change(changed);
    expect(composeProblems(changed, files).join('\n')).toContain(problem);
  });
});

describe('the Dockerfile', () => {
  it('is multi-stage and keeps every entry point the manifests run and the files they read', () => {
    const mains = commandsOf();
    expect(mains.sort()).toEqual([
      'apps/connector-miniqmt/dist/main.js',
      'apps/oms/dist/main.js',
      'apps/risk/dist/main.js',
    ]);
    expect(
      imageProblems(
        dockerfile,
        [...mains, 'apps/desk/dist/main.js'],
        ['config/desk.yaml', 'libs/contracts/proto/risk.proto', 'migrations/dist/index.js'],
      ),
    ).toEqual([]);
  });

  it('names entry points the build produces (run npm run build first)', () => {
    for (const main of commandsOf()) {
      expect([main, existsSync(join(ROOT, main))]).toEqual([main, true]);
    }
  });

  it.each([
    ['removing the apps’ output', 'rm -rf apps/*/dist', 'apps/oms/dist/main.js is deleted'],
    ['removing the config', 'rm -rf config', 'config/desk.yaml is deleted'],
  ])('finds %s', (_case, command, problem) => {
    const changed = dockerfile.replace(
      '&& npm prune --omit=dev',
      `&& npm prune --omit=dev && ${command}`,
    );
    expect(
      imageProblems(changed, ['apps/oms/dist/main.js'], ['config/desk.yaml']).join('\n'),
    ).toContain(problem);
  });
});

describe('the kustomize base', () => {
  it('matches the apps: commands, variables, ports, probes, the desk mount, a connector per session', () => {
    const { kustomization, manifests, problems } = base();
    expect(problems).toEqual([]);
    expect(k8sProblems(kustomization, manifests)).toEqual([]);
    expect(
      manifests
        .filter((m) => m.kind === 'Deployment')
        .map((m) => m.metadata.name)
        .sort(),
    ).toEqual(['connector-sim-1', 'oms', 'risk']);
  });

  it('builds with kustomize when kubectl is installed', () => {
    const built = spawnSync('kubectl', ['kustomize', join(ROOT, K8S_BASE)], { encoding: 'utf8' });
    // Without kubectl the resources were read by hand above.
    const installed = !String(built.error?.message ?? '').includes('ENOENT');
    const outcome = installed
      ? {
          stderr: built.stderr,
          deployments: (built.stdout.match(/^kind: Deployment$/gm) ?? []).length,
          // Generated names get a hash suffix, and every reference follows it.
          hashedReferences: /name: qmt-gateway-env-[a-z0-9]{10}/.test(built.stdout),
        }
      : 'kubectl not installed';
    expect(outcome).toEqual(
      installed ? { stderr: '', deployments: 3, hashedReferences: true } : 'kubectl not installed',
    );
  });

  type Change = (manifests: Mutable<Manifest>[]) => void;
  const container = (m: Mutable<Manifest>[], name: string) =>
    m.find((d) => d.kind === 'Deployment' && d.metadata.name === name)!.spec!.template!.spec
      .containers[0]!;
  it.each<[string, Change, string]>([
    [
      'two replicas of a connector',
      (m) => {
        m.find(
          (d) => d.metadata.name === 'connector-sim-1' && d.kind === 'Deployment',
        )!.spec!.replicas = 2;
      },
      'exactly one replica with strategy Recreate',
    ],
    [
      'a second Deployment of the same session',
      (m) => {
        m.push(
          mutable(m.find((d) => d.metadata.name === 'connector-sim-1' && d.kind === 'Deployment')!),
        );
      },
      'connector sim-1 of desk.yaml has 2 Deployments',
    ],
    [
      'a probe on a path nobody serves',
      (m) => {
        container(m, 'oms').readinessProbe = { httpGet: { path: '/ready', port: 'http' } };
      },
      'oms/oms: readinessProbe asks /ready',
    ],
    [
      'a probe on the gRPC port',
      (m) => {
        container(m, 'risk').livenessProbe = { httpGet: { path: '/health/live', port: 'grpc' } };
      },
      'risk/risk: livenessProbe asks port grpc, the app listens on 8081',
    ],
    [
      'a variable no app reads',
      (m) => {
        container(m, 'connector-sim-1').env!.push({ name: 'SESSION', value: 'x' });
      },
      'SESSION is not a variable the apps read',
    ],
    [
      'a desk file that is not mounted',
      (m) => {
        container(m, 'oms').volumeMounts = [];
      },
      'oms/oms: DESK_CONFIG /etc/qmt/desk.yaml is not a mounted file',
    ],
  ])('finds %s', (_case, change, problem) => {
    const { kustomization, manifests } = base();
    const changed = manifests.map(mutable);
    change(changed);
    expect(k8sProblems(kustomization, changed).join('\n')).toContain(problem);
  });
});
