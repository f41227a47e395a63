// The distributed deployment in a test: oms, risk and one sim connector as three processes (the
// built apps/*/dist/main.js) on a fresh database and an isolated desk sharing the test Redis.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadDeskConfig, type DeskConfig } from '@qmt/contracts';
import { createTestDatabase } from '@qmt/persistence/testing';
import { Redis } from 'ioredis';
import { stringify } from 'yaml';
import { apiClient, eventually, isolatedDesk } from './index.js';
import { freePort } from './ports.js';

const ROOT = resolve(import.meta.dirname, '../..');
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const SERVICE_MAINS = {
  oms: 'apps/oms/dist/main.js',
  risk: 'apps/risk/dist/main.js',
  connector: 'apps/connector-miniqmt/dist/main.js',
  /** A second risk instance (startServices' `secondRisk`). */
  risk2: 'apps/risk/dist/main.js',
} as const;
export type ServiceName = keyof typeof SERVICE_MAINS;
type AlwaysRunning = Exclude<ServiceName, 'risk2'>;

export interface RunningServices {
  readonly suffix: string;
  readonly account: string;
  readonly connectorId: string;
  /** The services' database (dropped by stop()). */
  readonly databaseUrl: string;
  /** Base URL of each app's HTTP port (/health, /metrics; the API on the OMS). */
  readonly urls: Readonly<Record<AlwaysRunning, string>> & { readonly risk2?: string };
  /** With `secondRisk`: each risk instance's id (its accounts' lease holder in Redis). */
  readonly riskInstances: Readonly<Partial<Record<'risk' | 'risk2', string>>>;
  /** Everything each process wrote on stdout and stderr, in order. */
  output(service: ServiceName): string;
  /** The service's DATA_DIR (the sim keeps its broker books under it); kept across restarts. */
  dataDir(service: ServiceName): string;
  /** Sends the signal to the service and resolves once it has exited. */
  kill(service: ServiceName, signal: NodeJS.Signals): Promise<void>;
  /** Starts the service again with the same environment and waits until it is ready. */
  restart(service: ServiceName): Promise<void>;
  stop(): Promise<void>;
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise<void>((done) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      done();
      return;
    }
    child.once('exit', () => done());
  });
}

/** Starts the three services and waits until each answers /health/ready. */
export async function startServices(
  options: {
    readonly logLevel?: Partial<Record<ServiceName, string>>;
    /** More environment for every service (a fast sim clock, say). */
    readonly env?: Readonly<Record<string, string>>;
    /** The desk before isolation; config/desk.yaml as shipped by default. */
    readonly desk?: DeskConfig;
    /**
     * Two leased risk instances: `risk2` claims these accounts (ids before isolation), `risk`
     * the others; the OMS talks to `risk` and follows the leases.
     */
    readonly secondRisk?: { readonly accounts: readonly string[] };
  } = {},
): Promise<RunningServices> {
  for (const main of Object.values(SERVICE_MAINS)) {
    if (!existsSync(join(ROOT, main))) {
      throw new Error(`${main} is missing: run npm run build (npm test builds before jest)`);
    }
  }
  const suffix = randomUUID().slice(0, 8);
  const dir = mkdtempSync(join(tmpdir(), 'qmt-services-'));
  const deskPath = join(dir, 'desk.yaml');
  const desk = isolatedDesk(options.desk ?? loadDeskConfig(join(ROOT, 'config/desk.yaml')), suffix);
  writeFileSync(deskPath, stringify(desk));
  const db = await createTestDatabase();
  const [http, grpc, riskGrpc, riskHttp, connectorHttp, risk2Grpc, risk2Http] = await Promise.all(
    Array.from({ length: 7 }, () => freePort()),
  );
  const connectorId = `sim-1-${suffix}`;
  const outputs: Record<ServiceName, string[]> = { oms: [], risk: [], connector: [], risk2: [] };
  const children: ChildProcess[] = [];
  const current: Partial<Record<ServiceName, ChildProcess>> = {};
  const envs: Partial<Record<ServiceName, Record<string, string>>> = {};
  const dataDir = (service: ServiceName) => join(dir, service);
  const start = (service: ServiceName, env: Record<string, string>) => {
    envs[service] = env;
    const child = spawn(process.execPath, [SERVICE_MAINS[service]], {
      cwd: ROOT,
      env: {
        ...process.env,
        LOG_LEVEL: options.logLevel?.[service] ?? 'warn',
        REDIS_URL: TEST_REDIS_URL,
        DESK_CONFIG: deskPath,
        DATA_DIR: dataDir(service),
        ...options.env,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => outputs[service].push(chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => outputs[service].push(chunk.toString()));
    children.push(child);
    current[service] = child;
  };
  start('oms', {
    DATABASE_URL: db.url,
    HTTP_PORT: String(http),
    GRPC_PORT: String(grpc),
    RISK_GRPC_URL: `127.0.0.1:${riskGrpc}`,
  });
  const second = options.secondRisk?.accounts.map((id) => `${id}-${suffix}`);
  const riskInstances =
    second === undefined ? {} : { risk: `risk-a-${suffix}`, risk2: `risk-b-${suffix}` };
  const leased = (
    instanceId: string | undefined,
    accounts: readonly string[],
  ): Record<string, string> =>
    instanceId === undefined
      ? {}
      : { RISK_INSTANCE_ID: instanceId, RISK_ACCOUNTS: accounts.join(',') };
  start('risk', {
    DATABASE_URL: db.url,
    RISK_GRPC_PORT: String(riskGrpc),
    RISK_HTTP_PORT: String(riskHttp),
    ...leased(
      riskInstances.risk,
      desk.accounts.map((a) => a.id).filter((id) => second?.includes(id) !== true),
    ),
  });
  if (second !== undefined) {
    start('risk2', {
      DATABASE_URL: db.url,
      RISK_GRPC_PORT: String(risk2Grpc),
      RISK_HTTP_PORT: String(risk2Http),
      ...leased(riskInstances.risk2, second),
    });
  }
  start('connector', { CONNECTOR_ID: connectorId, CONNECTOR_HTTP_PORT: String(connectorHttp) });
  const urls = {
    oms: `http://127.0.0.1:${http}`,
    risk: `http://127.0.0.1:${riskHttp}`,
    connector: `http://127.0.0.1:${connectorHttp}`,
    ...(second === undefined ? {} : { risk2: `http://127.0.0.1:${risk2Http}` }),
  };
  const output = (service: ServiceName) => outputs[service].join('');
  const ready = (service: ServiceName) =>
    eventually(
      async () =>
        (await apiClient(urls[service] ?? '').get('/health/ready')).status === 200
          ? true
          : undefined,
      {
        timeoutMs: 30_000,
        what: () => `${urls[service]}/health/ready (${output(service).slice(-2000)})`,
      },
    );
  const kill = async (service: ServiceName, signal: NodeJS.Signals) => {
    const child = current[service];
    if (child !== undefined) {
      const gone = exited(child);
      child.kill(signal);
      await gone;
    }
  };
  const restart = async (service: ServiceName) => {
    start(service, envs[service] ?? {});
    await ready(service);
  };
  const stop = async () => {
    await Promise.all(
      children.map((child) => {
        const gone = exited(child);
        child.kill('SIGTERM');
        return gone;
      }),
    );
    const redis = new Redis(TEST_REDIS_URL);
    const keys = await redis.keys(`*${suffix}*`);
    if (keys.length > 0) {
      await redis.del(...keys);
    }
    redis.disconnect();
    rmSync(dir, { recursive: true, force: true });
    await db.drop();
  };
  try {
    for (const service of Object.keys(urls) as ServiceName[]) {
      await ready(service);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    suffix,
    account: `SIM-STOCK-${suffix}`,
    connectorId,
    databaseUrl: db.url,
    urls,
    riskInstances,
    output,
    dataDir,
    kill,
    restart,
    stop,
  };
}
