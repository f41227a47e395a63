// The distributed deployment: oms, risk and one sim connector as three processes (the built
// apps/*/dist/main.js, as the README runs them) sharing only Postgres and Redis.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createTestDatabase, type TestDatabase } from '@qmt/persistence/testing';
import { loadDeskConfig } from '@qmt/contracts';
import { apiClient, eventually, freePort, isolatedDesk, marketableBuy } from '@qmt/testkit';
import { Redis } from 'ioredis';
import { stringify } from 'yaml';

const ROOT = resolve(import.meta.dirname, '../..');
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const MAINS = {
  oms: 'apps/oms/dist/main.js',
  risk: 'apps/risk/dist/main.js',
  connector: 'apps/connector-miniqmt/dist/main.js',
};

/** The shipped desk, isolated, written where the spawned services can read it. */
function isolatedDeskFile(dir: string, suffix: string): { path: string; account: string } {
  const desk = isolatedDesk(loadDeskConfig(join(ROOT, 'config/desk.yaml')), suffix);
  const path = join(dir, 'desk.yaml');
  writeFileSync(path, stringify(desk));
  return { path, account: `SIM-STOCK-${suffix}` };
}

describe('each service alone, against Postgres and Redis', () => {
  const suffix = randomUUID().slice(0, 8);
  const dir = mkdtempSync(join(tmpdir(), 'qmt-services-'));
  const children: ChildProcess[] = [];
  const output: string[] = [];
  let db: TestDatabase;
  let omsUrl: string;
  let account: string;

  function start(main: string, env: Record<string, string>): void {
    const child = spawn(process.execPath, [main], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'warn', REDIS_URL, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    children.push(child);
  }

  beforeAll(async () => {
    for (const main of Object.values(MAINS)) {
      if (!existsSync(join(ROOT, main))) {
        throw new Error(`${main} is missing: run npm run build (npm test builds before jest)`);
      }
    }
    db = await createTestDatabase();
    const desk = isolatedDeskFile(dir, suffix);
    account = desk.account;
    const [http, grpc, riskGrpc, riskHttp, connectorHttp] = await Promise.all([
      freePort(),
      freePort(),
      freePort(),
      freePort(),
      freePort(),
    ]);
    const common = { DESK_CONFIG: desk.path, DATABASE_URL: db.url };
    start(MAINS.oms, {
      ...common,
      HTTP_PORT: String(http),
      GRPC_PORT: String(grpc),
      RISK_GRPC_URL: `127.0.0.1:${riskGrpc}`,
    });
    start(MAINS.risk, {
      ...common,
      RISK_GRPC_PORT: String(riskGrpc),
      RISK_HTTP_PORT: String(riskHttp),
    });
    start(MAINS.connector, {
      DESK_CONFIG: desk.path,
      CONNECTOR_ID: `sim-1-${suffix}`,
      CONNECTOR_HTTP_PORT: String(connectorHttp),
    });
    omsUrl = `http://127.0.0.1:${http}`;
    for (const url of [
      omsUrl,
      `http://127.0.0.1:${riskHttp}`,
      `http://127.0.0.1:${connectorHttp}`,
    ]) {
      await eventually(
        async () => ((await apiClient(url).get('/health/ready')).status === 200 ? true : undefined),
        {
          timeoutMs: 30_000,
          what: `${url}/health/ready (output: ${output.join('').slice(-2000)})`,
        },
      );
    }
  }, 60_000);

  afterAll(async () => {
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
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`*${suffix}*`);
    if (keys.length > 0) {
      await redis.del(...keys);
    }
    redis.disconnect();
    rmSync(dir, { recursive: true, force: true });
    await db?.drop();
  });

  it('routes a marketable buy through risk over gRPC and the connector over BullMQ to a fill', async () => {
    const alpha = apiClient(omsUrl, 'dev-alpha');
    const submitted = await alpha.post('/v1/orders', marketableBuy(account, `alone-${suffix}`));
    expect(submitted.status).toBe(201);
    expect(submitted.body.status).toBe('ROUTED');
    const filled = await eventually(async () => {
      const detail = await alpha.get(`/v1/orders/${String(submitted.body.orderId)}`);
      return detail.body.status === 'ORDER_SUCCEEDED' ? detail.body : undefined;
    });
    expect(filled.filledQuantity).toBe(100);
    expect((filled.trades as unknown[]).length).toBe(1);
  });
});
