import { randomUUID } from 'node:crypto';
import type { PlaceOrderJob, RouteJob } from '@qmt/contracts';
import { createTestDatabase, type TestDatabase } from '@qmt/persistence/testing';
import { eventually } from '@qmt/testkit';
import { Redis } from 'ioredis';
import { BullMqRouteQueue, type RouteQueueConfig } from './bullmq.route-queue.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

function placeJob(orderId: string): PlaceOrderJob {
  return {
    kind: 'PLACE',
    orderId,
    accountId: 'SIM-STOCK',
    strategyId: 'alpha',
    symbol: '000001.SZ',
    orderType: 23,
    priceType: 11,
    price: 116000,
    quantity: 100,
    remark: orderId,
    enqueuedAt: new Date(0).toISOString(),
    expiresAt: new Date(30_000).toISOString(),
  };
}

describe.each<[string, boolean]>([
  ['Redis', false],
  ['PostgreSQL', true],
])('route queue on BullMQ with %s', (_name, onPostgres) => {
  const prefix = `t${randomUUID().slice(0, 8)}`;
  let db: TestDatabase | undefined;
  let queue: BullMqRouteQueue;

  beforeAll(async () => {
    let config: RouteQueueConfig;
    if (onPostgres) {
      db = await createTestDatabase();
      config = { kind: 'postgres', connectionString: db.url, schema: prefix };
    } else {
      config = {
        kind: 'redis',
        connection: { url: REDIS_URL, maxRetriesPerRequest: null },
        prefix,
      };
    }
    queue = new BullMqRouteQueue(config);
  });

  afterAll(async () => {
    await queue?.close();
    // BullMQ's PostgreSQL backend can still be ending a pooled client when close() resolves;
    // let it finish before the database is dropped under it.
    await new Promise((resolve) => setTimeout(resolve, 300));
    if (!onPostgres) {
      const redis = new Redis(REDIS_URL);
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length > 0) {
        await redis.del(...keys);
      }
      redis.disconnect();
    }
    await db?.drop();
  });

  it('hands each job to the worker with all its fields, once, even when added twice', async () => {
    const received: RouteJob[] = [];
    await queue.work('sim-q', (job) => {
      received.push(job);
      return Promise.resolve({ kind: 'SENT', brokerOrderId: 7 });
    });
    const job = placeJob('Q0000000000000000001');
    await queue.enqueue('sim-q', job);
    await queue.enqueue('sim-q', job);
    await queue.enqueue('sim-q', placeJob('Q0000000000000000002'));
    await eventually(() => (received.length >= 2 ? true : undefined), { timeoutMs: 15_000 });
    await eventually(async () => ((await queue.count('sim-q')) === 0 ? true : undefined));
    expect(received.map((j) => j.orderId).sort()).toEqual([
      'Q0000000000000000001',
      'Q0000000000000000002',
    ]);
    expect(received.find((j) => j.orderId === 'Q0000000000000000001')).toEqual(job);
  });
});
