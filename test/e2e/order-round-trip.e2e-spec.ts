// The walking skeleton end to end, in both deployments of the same code: the desk's in-process
// bus with BullMQ on Postgres, and Redis Streams + BullMQ on Redis with RiskService over gRPC.
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { loadDeskConfig } from '@qmt/contracts';
import { createDeskApp, type DeskApp } from '@qmt/desk';
import { createLogger } from '@qmt/observability';
import { createTestDatabase, type TestDatabase } from '@qmt/persistence/testing';
import {
  apiClient,
  eventually,
  freePort,
  isolatedDesk,
  marketableBuy,
  NOT_APPROVED_STATUSES,
} from '@qmt/testkit';
import { Redis } from 'ioredis';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const shippedDesk = loadDeskConfig(resolve(import.meta.dirname, '../../config/desk.yaml'));

interface Mode {
  readonly redis: boolean;
}

describe.each<[string, Mode]>([
  ['in-process bus, BullMQ on Postgres, risk in process', { redis: false }],
  ['Redis Streams, BullMQ on Redis, RiskService over gRPC', { redis: true }],
])('order round trip with %s', (_name, mode) => {
  const suffix = randomUUID().slice(0, 8);
  const desk = mode.redis ? isolatedDesk(shippedDesk, suffix) : shippedDesk;
  const stockAccount = desk.accounts[0]!.id;
  let db: TestDatabase;
  let app: DeskApp;

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await createDeskApp({
      desk,
      databaseUrl: db.url,
      ...(mode.redis ? { redisUrl: REDIS_URL } : {}),
      risk: mode.redis ? { mode: 'grpc', port: await freePort() } : { mode: 'in-process' },
      httpPort: 0,
      grpcPort: await freePort(),
      logger: createLogger('silent'),
      queueNamespace: `e2e_${suffix}`,
    });
  });

  afterAll(async () => {
    await app?.close();
    if (mode.redis) {
      const redis = new Redis(REDIS_URL);
      const keys = await redis.keys(`*${suffix}*`);
      if (keys.length > 0) {
        await redis.del(...keys);
      }
      await redis.quit();
    }
    await db?.drop();
  });

  it('becomes ready: database, bus and connector session', async () => {
    const ready = await eventually(
      async () => {
        const response = await apiClient(app.httpUrl).get('/health/ready');
        return response.status === 200 ? response : undefined;
      },
      { what: '/health/ready to answer 200' },
    );
    expect(ready.body.status).toBe('ready');
  });

  it('fills a marketable BUY 100 000001.SZ and shows its events and trade', async () => {
    const alpha = apiClient(app.httpUrl, 'dev-alpha');
    const submitted = await alpha.post('/v1/orders', marketableBuy(stockAccount, `rt-${suffix}`));
    expect(submitted.status).toBe(201);
    expect(NOT_APPROVED_STATUSES).not.toContain(submitted.body.status);
    const orderId = String(submitted.body.orderId);

    const filled = await eventually(
      async () => {
        const response = await alpha.get(`/v1/orders/${orderId}`);
        return response.body.status === 'ORDER_SUCCEEDED' ? response.body : undefined;
      },
      { what: 'the order to reach ORDER_SUCCEEDED' },
    );

    expect(filled.filledQuantity).toBe(100);
    expect(filled.accountId).toBe(stockAccount);
    expect(filled.strategyId).toBe('alpha');
    const statuses = (filled.events as { status: string | null }[]).map((e) => e.status);
    expect(statuses.indexOf('ORDER_REPORTED')).toBeGreaterThan(-1);
    expect(statuses.indexOf('ORDER_REPORTED')).toBeLessThan(
      statuses.lastIndexOf('ORDER_SUCCEEDED'),
    );
    const trades = filled.trades as { quantity: number; symbol: string }[];
    expect(trades).toHaveLength(1);
    expect(trades[0]).toMatchObject({ quantity: 100, symbol: '000001.SZ' });

    // The same clientOrderId and body answers the same order; a different body is a conflict.
    const again = await alpha.post('/v1/orders', marketableBuy(stockAccount, `rt-${suffix}`));
    expect(again.status).toBe(200);
    expect(again.body.orderId).toBe(orderId);
    const conflict = await alpha.post(
      '/v1/orders',
      marketableBuy(stockAccount, `rt-${suffix}`, 200),
    );
    expect(conflict.status).toBe(409);
  });

  it('cancels a resting order (51 then 54) and answers 409 to cancelling it again', async () => {
    const alpha = apiClient(app.httpUrl, 'dev-alpha');
    // Below the sim's bid: the order rests at ORDER_REPORTED.
    const resting = await alpha.post('/v1/orders', {
      ...marketableBuy(stockAccount, `rest-${suffix}`),
      price: 11.4,
    });
    expect(resting.status).toBe(201);
    const orderId = String(resting.body.orderId);
    await eventually(
      async () => {
        const detail = await alpha.get(`/v1/orders/${orderId}`);
        return detail.body.status === 'ORDER_REPORTED' ? true : undefined;
      },
      { what: 'the order to rest at ORDER_REPORTED' },
    );

    const cancel = await alpha.post(`/v1/orders/${orderId}/cancel`);
    expect(cancel.status).toBe(202);
    const cancelled = await eventually(
      async () => {
        const detail = await alpha.get(`/v1/orders/${orderId}`);
        return detail.body.status === 'ORDER_CANCELED' ? detail.body : undefined;
      },
      { what: 'the order to reach ORDER_CANCELED' },
    );
    const statuses = (cancelled.events as { type: string; status: string | null }[]).map((e) =>
      e.type === 'CANCEL_REQUESTED' ? 'CANCEL_REQUESTED' : e.status,
    );
    expect(statuses.indexOf('CANCEL_REQUESTED')).toBeLessThan(
      statuses.indexOf('ORDER_REPORTED_CANCEL'),
    );
    expect(statuses.indexOf('ORDER_REPORTED_CANCEL')).toBeLessThan(
      statuses.indexOf('ORDER_CANCELED'),
    );
    expect(cancelled.filledQuantity).toBe(0);

    const again = await apiClient(app.httpUrl, 'dev-alpha').delete(`/v1/orders/${orderId}`);
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'ORDER_NOT_CANCELLABLE' });
    expect((again.body.error as { message: string }).message).toContain('ORDER_CANCELED');
  });

  it('fills a resting order when the sim quote moves through it (POST /v1/sim/ticks)', async () => {
    const alpha = apiClient(app.httpUrl, 'dev-alpha');
    const resting = await alpha.post('/v1/orders', {
      ...marketableBuy(stockAccount, `tick-${suffix}`),
      price: 11.45,
    });
    const orderId = String(resting.body.orderId);
    await eventually(async () => {
      const detail = await alpha.get(`/v1/orders/${orderId}`);
      return detail.body.status === 'ORDER_REPORTED' ? true : undefined;
    });
    const tick = { symbol: '000001.SZ', lastPrice: 11.44 };
    expect((await alpha.post('/v1/sim/ticks', tick)).status).toBe(403);
    const moved = await apiClient(app.httpUrl, 'dev-risk').post('/v1/sim/ticks', tick);
    expect(moved.status).toBe(200);
    const filled = await eventually(async () => {
      const detail = await alpha.get(`/v1/orders/${orderId}`);
      return detail.body.status === 'ORDER_SUCCEEDED' ? detail.body : undefined;
    });
    expect(filled.avgFillPrice).toBe(11.45);
    const bad = await apiClient(app.httpUrl, 'dev-risk').post('/v1/sim/ticks', {
      symbol: '000001.SZ',
      lastPrice: -1,
    });
    expect(bad.status).toBe(400);
    // Back to the shipped quote for the other tests.
    await apiClient(app.httpUrl, 'dev-risk').post('/v1/sim/ticks', {
      symbol: '000001.SZ',
      lastPrice: 11.5,
    });
  });

  it('rejects an order that breaks a risk rule with the rule code, and routes nothing', async () => {
    const alpha = apiClient(app.httpUrl, 'dev-alpha');
    const response = await alpha.post(
      '/v1/orders',
      marketableBuy(stockAccount, `lot-${suffix}`, 150),
    );
    expect(response.status).toBe(201);
    expect(response.body.status).toBe('REJECTED');
    expect(response.body.rejection).toMatchObject({ rule: 'LOT_SIZE' });
    const detail = await alpha.get(`/v1/orders/${String(response.body.orderId)}`);
    expect((detail.body.events as { type: string }[]).map((e) => e.type)).toEqual([
      'CREATED',
      'RISK_REJECTED',
    ]);
  });
});
