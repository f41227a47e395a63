// kill -9 of the connector while route jobs are in flight (issue 3, "Done when"): oms, risk and
// a sim connector as processes (the built apps, as services-alone runs them). The sim's place
// calls hang with their orders already live, so the kill lands inside route jobs; after the
// restart (same DATA_DIR: the sim broker's books survive) no order exists twice at the broker
// and every order's final status at the gateway is the broker's.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { stringify } from 'yaml';
import { SimJournal } from '@qmt/connector-miniqmt';
import { routeQueueName } from '@qmt/contracts';
import { xtOrderStatusName } from '@qmt/domain';
import { createTestDatabase, type TestDatabase } from '@qmt/persistence/testing';
import {
  SHIPPED_DESK,
  apiClient,
  eventually,
  freePort,
  isolatedDesk,
  marketableBuy,
} from '@qmt/testkit';

const ROOT = resolve(import.meta.dirname, '../..');
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const MAINS = {
  oms: 'apps/oms/dist/main.js',
  risk: 'apps/risk/dist/main.js',
  connector: 'apps/connector-miniqmt/dist/main.js',
};
const ORDERS = 12;

interface SimOrderRecord {
  readonly remark: string;
  readonly status: number;
  readonly traded: number;
}

describe('kill -9 of the connector with route jobs in flight', () => {
  const suffix = randomUUID().slice(0, 8);
  const dir = mkdtempSync(join(tmpdir(), 'qmt-kill-'));
  const connectorId = `sim-1-${suffix}`;
  const output: string[] = [];
  const children: ChildProcess[] = [];
  let connector: ChildProcess | undefined;
  let connectorEnv: Record<string, string>;
  let connectorUrl = '';
  let omsUrl = '';
  let account = '';
  let db: TestDatabase;

  function start(main: string, env: Record<string, string>): ChildProcess {
    const child = spawn(process.execPath, [main], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'warn', REDIS_URL, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    children.push(child);
    return child;
  }

  const ready = (url: string) =>
    eventually(
      async () => ((await apiClient(url).get('/health/ready')).status === 200 ? true : undefined),
      { timeoutMs: 30_000, what: () => `${url}/health/ready (${output.join('').slice(-2000)})` },
    );

  /** The sim broker's orders, from its books on disk (the connector is stopped). */
  function brokerOrders(): SimOrderRecord[] {
    const state = new SimJournal(join(dir, 'data', 'sim', connectorId)).load();
    return [...state].flatMap(([key, value]) =>
      key.startsWith('order:') && value !== null
        ? [value as { remark: string; status: number; traded: number }]
        : [],
    );
  }

  beforeAll(async () => {
    for (const main of Object.values(MAINS)) {
      if (!existsSync(join(ROOT, main))) {
        throw new Error(`${main} is missing: run npm run build (npm test builds before jest)`);
      }
    }
    db = await createTestDatabase();
    const desk = isolatedDesk(SHIPPED_DESK, suffix);
    account = `SIM-STOCK-${suffix}`;
    const deskPath = join(dir, 'desk.yaml');
    writeFileSync(deskPath, stringify(desk));
    const [http, grpc, riskGrpc, riskHttp, connectorHttp] = await Promise.all(
      Array.from({ length: 5 }, () => freePort()),
    );
    const common = { DESK_CONFIG: deskPath, DATABASE_URL: db.url };
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
    connectorEnv = {
      DESK_CONFIG: deskPath,
      CONNECTOR_ID: connectorId,
      CONNECTOR_HTTP_PORT: String(connectorHttp),
      DATA_DIR: join(dir, 'data'),
    };
    connector = start(MAINS.connector, connectorEnv);
    omsUrl = `http://127.0.0.1:${http}`;
    connectorUrl = `http://127.0.0.1:${connectorHttp}`;
    for (const url of [omsUrl, `http://127.0.0.1:${riskHttp}`, connectorUrl]) {
      await ready(url);
    }
  }, 60_000);

  afterAll(async () => {
    await Promise.all(
      children.map(
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

  it('restarts, places nothing twice and settles every order as the broker has it', async () => {
    const risk = apiClient(connectorUrl, 'dev-risk');
    // Every place now hangs for a minute with its order live: the route jobs stay in flight.
    expect((await risk.post('/v1/sim/faults', { placeHangMs: 60_000 })).status).toBe(200);
    const alpha = apiClient(omsUrl, 'dev-alpha');
    const ids: string[] = [];
    for (let i = 0; i < ORDERS; i += 1) {
      const submitted = await alpha.post(
        '/v1/orders',
        marketableBuy(account, `kill-${suffix}-${i}`),
      );
      expect(submitted.status).toBe(201);
      ids.push(String(submitted.body.orderId));
    }
    // Some orders are live at the broker (their fills heard) while their jobs still hang.
    await eventually(async () => {
      const filled = await Promise.all(
        ids.map(async (id) => (await alpha.get(`/v1/orders/${id}`)).body.status),
      );
      return filled.filter((s) => s === 'ORDER_SUCCEEDED').length >= 4 ? true : undefined;
    });
    connector?.kill('SIGKILL');
    await new Promise((done) => connector?.once('exit', done));

    connector = start(MAINS.connector, connectorEnv);
    await ready(connectorUrl);
    const finals = await eventually(
      async () => {
        const details = await Promise.all(
          ids.map(async (id) => (await alpha.get(`/v1/orders/${id}`)).body),
        );
        return details.every((d) => d.status === 'ORDER_SUCCEEDED' || d.status === 'REJECTED')
          ? details
          : undefined;
      },
      { timeoutMs: 90_000, what: 'every order final at the gateway' },
    );
    // The jobs the kill interrupted come back once BullMQ finds them stalled: wait them out.
    const queue = new Queue(routeQueueName(connectorId), { connection: { url: REDIS_URL } });
    try {
      await eventually(
        async () => {
          const counts = await queue.getJobCounts('active', 'waiting', 'delayed');
          return Object.values(counts).every((n) => n === 0) ? true : undefined;
        },
        { timeoutMs: 90_000, intervalMs: 500, what: 'the route queue to drain' },
      );
    } finally {
      await queue.close();
    }
    connector.kill('SIGTERM');
    await new Promise((done) => connector?.once('exit', done));

    const orders = brokerOrders();
    const remarks = orders.map((o) => o.remark);
    expect(new Set(remarks).size).toBe(remarks.length);
    const byRemark = new Map(orders.map((o) => [o.remark, o]));
    const gateway = finals.map((d) => [d.orderId, d.status, d.filledQuantity]);
    const expected = finals.map((d) => {
      const broker = byRemark.get(String(d.orderId));
      // Never reached the broker: the gateway must say so.
      return broker === undefined
        ? [d.orderId, 'REJECTED', 0]
        : [d.orderId, xtOrderStatusName(broker.status), broker.traded];
    });
    expect(gateway).toEqual(expected);
    expect(orders.length).toBeGreaterThanOrEqual(4);
  }, 240_000);
});
