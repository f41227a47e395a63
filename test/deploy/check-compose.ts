// docker-compose.yml against the code (test/deploy/app-facts.ts): a list of problems, empty
// when the file is right. Pure over the parsed file and a file lookup, so tests can mutate it.
import { loadDeskConfig } from '@qmt/contracts';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import {
  ENV_VARIABLES,
  ROOT,
  appOfCommand,
  healthPaths,
  portOf,
  type AppFacts,
} from './app-facts.js';

export interface Files {
  exists(path: string): boolean;
  read(path: string): string;
}

interface Service {
  readonly build?: unknown;
  readonly command?: unknown;
  readonly environment?: Record<string, unknown>;
  readonly ports?: readonly unknown[];
  readonly depends_on?: Record<string, unknown>;
  readonly healthcheck?: { readonly test?: readonly unknown[] };
  readonly volumes?: readonly unknown[];
}

export interface Compose {
  readonly services: Record<string, Service>;
}

/** The services built from this repository's Dockerfile, with what the code says of each. */
export function gatewayServices(
  compose: Compose,
): { name: string; service: Service; app: AppFacts | string }[] {
  return Object.entries(compose.services)
    .filter(([, service]) => service.build !== undefined)
    .map(([name, service]) => ({ name, service, app: appOfCommand(service.command) }));
}

function envOf(service: Service): Record<string, string> {
  return Object.fromEntries(
    Object.entries(service.environment ?? {}).map(([k, v]) => [k, String(v)]),
  );
}

/** host, port and path of the URL a `node -e fetch(...)` or wget health check asks. */
export function healthUrl(test: readonly unknown[] | undefined): URL | null {
  const text = (test ?? []).map(String).join(' ');
  const url = /https?:\/\/[^'"\s)]+/.exec(text)?.[0];
  return url === undefined ? null : new URL(url);
}

export function composeProblems(compose: Compose, files: Files): string[] {
  const problems: string[] = [];
  const paths = healthPaths();
  const services = gatewayServices(compose);
  if (services.length === 0) {
    problems.push('no service is built from the Dockerfile');
  }
  for (const { name, service, app } of services) {
    if (typeof app === 'string') {
      problems.push(`${name}: ${app}`);
      continue;
    }
    const env = envOf(service);
    for (const variable of Object.keys(env)) {
      if (!ENV_VARIABLES.has(variable)) {
        problems.push(
          `${name}: ${variable} is not a variable the apps read (libs/runtime/src/env.ts)`,
        );
      }
    }
    if (env.REDIS_URL === undefined) {
      problems.push(`${name}: REDIS_URL is unset; a service alone needs Redis`);
    }
    if (app.needsDatabase && env.DATABASE_URL === undefined) {
      problems.push(`${name}: ${app.source} needs DATABASE_URL`);
    }
    let httpPort: number;
    try {
      httpPort = portOf(app.httpPortVariable, env);
    } catch (error) {
      // The app would not start: parseEnv names the variable.
      problems.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    const url = healthUrl(service.healthcheck?.test);
    if (url === null) {
      problems.push(`${name}: no HTTP health check`);
    } else {
      if (Number(url.port) !== httpPort) {
        problems.push(
          `${name}: health check asks port ${url.port}, the app listens on ${httpPort} (${app.httpPortVariable})`,
        );
      }
      if (!paths.includes(url.pathname)) {
        problems.push(`${name}: health check asks ${url.pathname}, served are ${paths.join(', ')}`);
      }
    }
    const opened = new Set([httpPort, ...app.grpcPortVariables.map((v) => portOf(v, env))]);
    for (const mapping of service.ports ?? []) {
      const container = Number(String(mapping).split(':').at(-1));
      if (!opened.has(container)) {
        problems.push(
          `${name}: publishes container port ${container}, the app opens ${[...opened].join(', ')}`,
        );
      }
    }
    const deskPath = env.DESK_CONFIG ?? 'config/desk.yaml';
    if (!files.exists(deskPath)) {
      problems.push(`${name}: DESK_CONFIG ${deskPath} is not in the image`);
    } else if (env.CONNECTOR_ID !== undefined) {
      const desk = loadDeskConfig(join(ROOT, deskPath));
      if (!desk.connectors.some((c) => c.id === env.CONNECTOR_ID)) {
        problems.push(
          `${name}: CONNECTOR_ID ${env.CONNECTOR_ID} is not a connector of ${deskPath}`,
        );
      }
    }
    for (const dependency of Object.keys(service.depends_on ?? {})) {
      if (compose.services[dependency] === undefined) {
        problems.push(`${name}: depends on ${dependency}, which is not a service`);
      }
    }
    // The schema is the OMS's: a service that reads Postgres without migrating waits for it.
    if (app.needsDatabase && !app.migrates) {
      const waitsForSchema = Object.entries(service.depends_on ?? {}).some(([dependency, how]) => {
        const other = services.find((s) => s.name === dependency)?.app;
        return (
          typeof other !== 'string' &&
          other?.migrates === true &&
          (how as { condition?: string }).condition === 'service_healthy'
        );
      });
      if (!waitsForSchema) {
        problems.push(
          `${name}: reads Postgres but does not wait for a healthy service that migrates it`,
        );
      }
    }
  }
  problems.push(...observabilityProblems(compose, files));
  return problems;
}

/** Prometheus scrapes every gateway service on its metrics port; Grafana gets what it needs. */
function observabilityProblems(compose: Compose, files: Files): string[] {
  const problems: string[] = [];
  const mounts = (service: string) =>
    (compose.services[service]?.volumes ?? []).flatMap((v) => {
      const [source = '', target = ''] = String(v).split(':');
      return source.startsWith('./') ? [{ source: source.slice(2), target }] : [];
    });
  const prometheusMounts = mounts('prometheus');
  const configMount = prometheusMounts.find((m) => m.target === '/etc/prometheus/prometheus.yml');
  if (compose.services.prometheus === undefined || configMount === undefined) {
    return ['prometheus: no service mounting /etc/prometheus/prometheus.yml'];
  }
  for (const mount of [...prometheusMounts, ...mounts('grafana')]) {
    if (!files.exists(mount.source)) {
      problems.push(`mount ${mount.source} does not exist`);
    }
  }
  const config = parsePrometheus(files.read(configMount.source));
  for (const ruleFile of config.rule_files ?? []) {
    if (!prometheusMounts.some((m) => m.target === ruleFile)) {
      problems.push(`prometheus: rule file ${ruleFile} is not mounted`);
    }
  }
  const targets = (config.scrape_configs ?? []).flatMap((job) =>
    (job.static_configs ?? []).flatMap((s) => s.targets ?? []),
  );
  for (const { name, service, app } of gatewayServices(compose)) {
    if (typeof app === 'string') {
      continue;
    }
    let port: number;
    try {
      port = portOf(app.httpPortVariable, envOf(service));
    } catch {
      continue; // Reported above.
    }
    if (!targets.includes(`${name}:${port}`)) {
      problems.push(`prometheus: does not scrape ${name}:${port} (/metrics of ${app.main})`);
    }
  }
  for (const target of targets) {
    const [host = ''] = target.split(':');
    if (compose.services[host] === undefined) {
      problems.push(`prometheus: target ${target} is not a service`);
    }
  }
  problems.push(...grafanaProblems(mounts('grafana'), files));
  return problems;
}

/** The provisioned dashboards folder is the one mounted, and every panel asks the provisioned datasource. */
function grafanaProblems(
  mounts: readonly { source: string; target: string }[],
  files: Files,
): string[] {
  const problems: string[] = [];
  const provisioning = mounts.find((m) => m.target === '/etc/grafana/provisioning');
  if (provisioning === undefined) {
    return ['grafana: /etc/grafana/provisioning is not mounted'];
  }
  const providers = parse(files.read(`${provisioning.source}/dashboards/qmt-gateway.yml`)) as {
    providers: { options: { path: string } }[];
  };
  for (const provider of providers.providers) {
    const mount = mounts.find((m) => m.target === provider.options.path);
    if (mount === undefined) {
      problems.push(`grafana: dashboards path ${provider.options.path} is not mounted`);
    }
  }
  const datasources = parse(files.read(`${provisioning.source}/datasources/prometheus.yml`)) as {
    datasources: { uid: string; url: string }[];
  };
  const uids = new Set(datasources.datasources.map((d) => d.uid));
  for (const d of datasources.datasources) {
    if (new URL(d.url).host !== 'prometheus:9090') {
      problems.push(`grafana: datasource ${d.uid} asks ${d.url}, Prometheus is prometheus:9090`);
    }
  }
  const dashboards = mounts.find((m) => m.target === '/var/lib/grafana/dashboards');
  for (const file of dashboards === undefined ? [] : dashboardFiles(dashboards.source)) {
    const json = JSON.parse(files.read(file)) as { panels: { datasource?: { uid?: string } }[] };
    for (const panel of json.panels) {
      if (panel.datasource?.uid !== undefined && !uids.has(panel.datasource.uid)) {
        problems.push(
          `${file}: a panel asks datasource ${panel.datasource.uid}, provisioned are ${[...uids].join(', ')}`,
        );
      }
    }
  }
  return problems;
}

function dashboardFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir))
    .filter((f) => f.endsWith('.json'))
    .map((f) => `${dir}/${f}`);
}

interface PrometheusConfig {
  readonly rule_files?: readonly string[];
  readonly scrape_configs?: readonly {
    readonly static_configs?: readonly { readonly targets?: readonly string[] }[];
  }[];
}

function parsePrometheus(text: string): PrometheusConfig {
  return parse(text) as PrometheusConfig;
}
