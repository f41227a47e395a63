// The distributed deployment in a test: oms, risk and one sim connector as three processes (the
// built apps/*/dist/main.js) on a fresh database and an isolated desk sharing the test Redis.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadDeskConfig } from '@qmt/contracts';
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
} as const;
export type ServiceName = keyof typeof SERVICE_MAINS;

export interface RunningServices {
  readonly suffix: string;
  readonly account: string;
  readonly connectorId: string;
  /** Base URL of each app's HTTP port (/health, /metrics; the API on the OMS). */
  readonly urls: Readonly<Record<ServiceName, string>>;
  /** Everything each process wrote on stdout and stderr, in order. */
  output(service: ServiceName): string;
  stop(): Promise<void>;
}

/** Starts the three services and waits until each answers /health/ready. */
export async function startServices(
  options: { readonly logLevel?: Partial<Record<ServiceName, string>> } = {},
): Promise<RunningServices> {
  for (const main of Object.values(SERVICE_MAINS)) {
    if (!existsSync(join(ROOT, main))) {
      throw new Error(`${main} is missing: run npm run build (npm test builds before jest)`);
    }
  }
  const suffix = randomUUID().slice(0, 8);
  const dir = mkdtempSync(join(tmpdir(), 'qmt-services-'));
  const deskPath = join(dir, 'desk.yaml');
  writeFileSync(
    deskPath,
    stringify(isolatedDesk(loadDeskConfig(join(ROOT, 'config/desk.yaml')), suffix)),
  );
  const db = await createTestDatabase();
  const [http, grpc, riskGrpc, riskHttp, connectorHttp] = await Promise.all(
    Array.from({ length: 5 }, () => freePort()),
  );
  const connectorId = `sim-1-${suffix}`;
  const outputs: Record<ServiceName, string[]> = { oms: [], risk: [], connector: [] };
  const children: ChildProcess[] = [];
  const start = (service: ServiceName, env: Record<string, string>) => {
    const child = spawn(process.execPath, [SERVICE_MAINS[service]], {
      cwd: ROOT,
      env: {
        ...process.env,
        LOG_LEVEL: options.logLevel?.[service] ?? 'warn',
        REDIS_URL: TEST_REDIS_URL,
        DESK_CONFIG: deskPath,
        DATA_DIR: join(dir, service),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => outputs[service].push(chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => outputs[service].push(chunk.toString()));
    children.push(child);
  };
  start('oms', {
    DATABASE_URL: db.url,
    HTTP_PORT: String(http),
    GRPC_PORT: String(grpc),
    RISK_GRPC_URL: `127.0.0.1:${riskGrpc}`,
  });
  start('risk', {
    DATABASE_URL: db.url,
    RISK_GRPC_PORT: String(riskGrpc),
    RISK_HTTP_PORT: String(riskHttp),
  });
  start('connector', { CONNECTOR_ID: connectorId, CONNECTOR_HTTP_PORT: String(connectorHttp) });
  const urls = {
    oms: `http://127.0.0.1:${http}`,
    risk: `http://127.0.0.1:${riskHttp}`,
    connector: `http://127.0.0.1:${connectorHttp}`,
  };
  const output = (service: ServiceName) => outputs[service].join('');
  const stop = async () => {
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) {
              done();
              return;
            }
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      ),
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
    for (const [service, url] of Object.entries(urls) as [ServiceName, string][]) {
      await eventually(
        async () => ((await apiClient(url).get('/health/ready')).status === 200 ? true : undefined),
        { timeoutMs: 30_000, what: () => `${url}/health/ready (${output(service).slice(-2000)})` },
      );
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { suffix, account: `SIM-STOCK-${suffix}`, connectorId, urls, output, stop };
}
