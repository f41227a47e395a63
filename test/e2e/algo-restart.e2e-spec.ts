// kill -9 of the risk service in the middle of an algo parent (the distributed deployment: the
// built oms, risk and sim connector as three processes on Postgres and Redis, all on one fast
// sim clock): after the restart every bucket has exactly one slice, no bucket is lost, no
// child is sent twice, and the parent completes to the share.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadDeskConfig } from '@qmt/contracts';
import { createTestDatabase, type TestDatabase } from '@qmt/persistence/testing';
import {
  apiClient,
  eventually,
  fastSimClock,
  freePort,
  isolatedDesk,
  type AlgoJson,
} from '@qmt/testkit';
import { Redis } from 'ioredis';
import pg from 'pg';
import { stringify } from 'yaml';

const ROOT = resolve(import.meta.dirname, '../..');
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const MAINS = {
  oms: 'apps/oms/dist/main.js',
  risk: 'apps/risk/dist/main.js',
  connector: 'apps/connector-miniqmt/dist/main.js',
};
const SCALE = 30;
const BUCKETS = 20;
const QUANTITY = 10_000;

interface ChildJson {
  readonly orderId: string;
  readonly clientOrderId: string;
  readonly quantity: number;
  readonly filledQuantity: number;
  readonly status: string;
}

describe('kill -9 of the risk service in the middle of an algo parent', () => {
  const suffix = randomUUID().slice(0, 8);
  const dir = mkdtempSync(join(tmpdir(), 'qmt-algo-restart-'));
  const output: string[] = [];
  const processes: ChildProcess[] = [];
  // The clock reads 10:00:00 twenty wall seconds from now; the services boot before that.
  const fast = fastSimClock('10:00:00', SCALE);
  const clockEnv = fast.env(Date.now() + 20_000);
  let db: TestDatabase;
  let omsUrl: string;
  let account: string;
  let riskEnv: Record<string, string>;
  let risk: ChildProcess | undefined;

  function start(main: string, env: Record<string, string>): ChildProcess {
    const child = spawn(process.execPath, [main], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'warn', REDIS_URL, ...clockEnv, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    processes.push(child);
    return child;
  }

  async function ready(url: string): Promise<void> {
    await eventually(
      async () => ((await apiClient(url).get('/health/ready')).status === 200 ? true : undefined),
      { timeoutMs: 30_000, what: () => `${url}/health/ready (${output.join('').slice(-2000)})` },
    );
  }

  beforeAll(async () => {
    for (const main of Object.values(MAINS)) {
      if (!existsSync(join(ROOT, main))) {
        throw new Error(`${main} is missing: run npm run build (npm test builds before jest)`);
      }
    }
    db = await createTestDatabase();
    const desk = isolatedDesk(loadDeskConfig(join(ROOT, 'config/desk.yaml')), suffix);
    const deskPath = join(dir, 'desk.yaml');
    writeFileSync(deskPath, stringify(desk));
    account = `SIM-STOCK-${suffix}`;
    const [http, grpc, riskGrpc, riskHttp, connectorHttp] = await Promise.all([
      freePort(),
      freePort(),
      freePort(),
      freePort(),
      freePort(),
    ]);
    const common = { DESK_CONFIG: deskPath, DATABASE_URL: db.url };
    riskEnv = { ...common, RISK_GRPC_PORT: String(riskGrpc), RISK_HTTP_PORT: String(riskHttp) };
    start(MAINS.oms, {
      ...common,
      HTTP_PORT: String(http),
      GRPC_PORT: String(grpc),
      RISK_GRPC_URL: `127.0.0.1:${riskGrpc}`,
    });
    risk = start(MAINS.risk, riskEnv);
    start(MAINS.connector, {
      DESK_CONFIG: deskPath,
      CONNECTOR_ID: `sim-1-${suffix}`,
      CONNECTOR_HTTP_PORT: String(connectorHttp),
    });
    omsUrl = `http://127.0.0.1:${http}`;
    for (const url of [
      omsUrl,
      `http://127.0.0.1:${riskHttp}`,
      `http://127.0.0.1:${connectorHttp}`,
    ]) {
      await ready(url);
    }
  }, 60_000);

  afterAll(async () => {
    await Promise.all(
      processes.map(
        (child) =>
          new Promise<void>((done) => {
            if (child.exitCode !== null || child.signalCode !== null) {
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

  it('loses no slice and sends none twice', async () => {
    const alpha = apiClient(omsUrl, 'dev-alpha');
    const submitted = await alpha.post('/v1/orders', {
      accountId: account,
      clientOrderId: `restart-${suffix}`,
      symbol: '000001.SZ',
      side: 'BUY',
      quantity: QUANTITY,
      priceType: 'LIMIT',
      price: 11.55,
      // AGGRESSIVE takes the ask: each bucket's child fills at once, so the schedule is exact.
      algo: {
        type: 'TWAP',
        startTime: '10:00:30',
        durationSeconds: BUCKETS * 60,
        bucketSeconds: 60,
        urgency: 'AGGRESSIVE',
      },
    });
    expect(submitted.status).toBe(201);
    expect(submitted.body.status).toBe('ROUTED');
    const parentId = String(submitted.body.orderId);
    const children = async () =>
      ((await alpha.get(`/v1/orders/${parentId}`)).body.children as ChildJson[] | undefined) ?? [];

    await eventually(async () => ((await children()).length >= 5 ? true : undefined), {
      timeoutMs: 60_000,
      intervalMs: 100,
    });
    const exited = new Promise((done) => risk?.once('exit', done));
    risk?.kill('SIGKILL');
    await exited;
    const atKill = (await children()).length;
    // Two buckets come due while risk is down.
    await new Promise((resolve) => setTimeout(resolve, (2 * 60_000) / SCALE));
    expect((await children()).length).toBe(atKill);
    risk = start(MAINS.risk, riskEnv);

    const done = await eventually(
      async () => {
        const detail = (await alpha.get(`/v1/orders/${parentId}`)).body;
        const algo = detail.algo as AlgoJson | undefined;
        return algo?.state === 'COMPLETED' && detail.status === 'ORDER_SUCCEEDED'
          ? detail
          : undefined;
      },
      { timeoutMs: 90_000, intervalMs: 250, what: () => output.join('').slice(-3000) },
    );
    const algo = done.algo as AlgoJson;
    const kids = done.children as ChildJson[];
    // No slice lost: every bucket planned once and sent its child; none sent twice.
    expect(algo.progress.bucketCount).toBe(BUCKETS);
    expect(algo.buckets.every((b) => (b.childQuantity ?? 0) > 0 && b.childOrderId !== null)).toBe(
      true,
    );
    expect(kids.length).toBe(BUCKETS);
    expect(new Set(kids.map((c) => c.clientOrderId)).size).toBe(BUCKETS);
    expect(kids.reduce((sum, c) => sum + c.quantity, 0)).toBe(QUANTITY);
    expect(kids.every((c) => c.status === 'ORDER_SUCCEEDED')).toBe(true);
    expect(done.filledQuantity).toBe(QUANTITY);
    // One route job per child reached the broker: one trade each, none extra.
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const trades = await client.query<{ n: string; q: string }>(
        `SELECT count(*)::text AS n, coalesce(sum(t.quantity), 0)::text AS q
           FROM trades t JOIN orders o ON o.order_id = t.order_id WHERE o.parent_id = $1`,
        [parentId],
      );
      expect(trades.rows[0]).toEqual({ n: String(BUCKETS), q: String(QUANTITY) });
      const slices = await client.query<{ n: string }>(
        'SELECT count(*)::text AS n FROM algo_slices WHERE parent_id = $1',
        [parentId],
      );
      expect(slices.rows[0]?.n).toBe(String(BUCKETS));
    } finally {
      await client.end();
    }
  }, 180_000);
});
