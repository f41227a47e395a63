// route.<connectorId> on BullMQ with Redis and with BullMQ's PostgreSQL backend: same behaviour.
import { randomUUID } from 'node:crypto';
import type { CancelOrderJob, PlaceOrderJob, RouteJob } from '@qmt/contracts';
import { logContext, withLogContext, type LogContext } from '@qmt/observability';
import { dropQueueNamespace, eventually } from '@qmt/testkit';
import type { RouteOutcome } from '../ports/route-queue.port.js';
import { bullMqConnection } from './bullmq-connection.js';
import { BullMqRouteQueue, type RouteQueueConfig } from './bullmq.route-queue.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

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

function cancelJob(orderId: string): CancelOrderJob {
  return {
    kind: 'CANCEL',
    orderId,
    accountId: 'SIM-STOCK',
    strategyId: 'alpha',
    remark: orderId,
    brokerOrderId: 42,
    enqueuedAt: new Date(0).toISOString(),
    expiresAt: new Date(30_000).toISOString(),
  };
}

describe.each<[string, 'redis' | 'postgres']>([
  ['Redis', 'redis'],
  ['PostgreSQL', 'postgres'],
])('route queue on BullMQ with %s', (_name, kind) => {
  // One key prefix / schema per run of this file; everything under it is removed afterwards.
  const namespace = `t_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const errors: unknown[] = [];
  // Queues and workers reported no connection trouble.
  const expectNoErrors = () => expect(errors).toEqual([]);
  let queue: BullMqRouteQueue;
  let connectorId: string;

  beforeAll(() => {
    const config: RouteQueueConfig =
      kind === 'redis'
        ? {
            kind,
            connection: bullMqConnection(REDIS_URL),
            prefix: namespace,
            onError: (e) => errors.push(e),
          }
        : {
            kind,
            connectionString: POSTGRES_URL,
            schema: namespace,
            onError: (e) => errors.push(e),
          };
    queue = new BullMqRouteQueue(config);
  });

  beforeEach(() => {
    connectorId = `c${randomUUID().slice(0, 8)}`;
  });

  afterAll(async () => {
    await queue.close();
    await dropQueueNamespace(kind, namespace);
  });

  it('hands a job to the worker with all its fields, once even when added twice, and stores the outcome', async () => {
    const received: RouteJob[] = [];
    const place = placeJob('Q0000000000000000001');
    const other = placeJob('Q0000000000000000002');
    await queue.enqueue(connectorId, place);
    await queue.enqueue(connectorId, place);
    await queue.enqueue(connectorId, other);
    await queue.work(connectorId, (job) => {
      received.push(job);
      return Promise.resolve({ kind: 'SENT', brokerOrderId: Number(job.orderId.slice(-1)) });
    });
    await eventually(async () =>
      (await queue.record(connectorId, other))?.state === 'completed' ? true : undefined,
    );
    await eventually(async () =>
      (await queue.record(connectorId, place))?.state === 'completed' ? true : undefined,
    );
    // Added again after it completed: still the one job, not run again.
    await queue.enqueue(connectorId, place);
    expect(await queue.count(connectorId)).toBe(0);
    expect(received.map((j) => j.orderId).sort()).toEqual([place.orderId, other.orderId]);
    expect(received.find((j) => j.orderId === place.orderId)).toEqual(place);
    expect(await queue.record(connectorId, place)).toEqual({
      state: 'completed',
      outcome: { kind: 'SENT', brokerOrderId: 1 },
      attemptsMade: 1,
    });
    expectNoErrors();
  });

  it('keeps the place and the cancel of one order as two jobs', async () => {
    const received: RouteJob[] = [];
    await queue.work(connectorId, (job) => {
      received.push(job);
      const outcome: RouteOutcome =
        job.kind === 'CANCEL' ? { kind: 'REFUSED', reason: 'too late' } : { kind: 'SENT' };
      return Promise.resolve(outcome);
    });
    await queue.enqueue(connectorId, placeJob('Q0000000000000000003'));
    await queue.enqueue(connectorId, cancelJob('Q0000000000000000003'));
    await eventually(() => (received.length >= 2 ? true : undefined));
    expect(received.map((j) => j.kind).sort()).toEqual(['CANCEL', 'PLACE']);
    expect(received.find((j) => j.kind === 'CANCEL')).toEqual(cancelJob('Q0000000000000000003'));
    await eventually(async () => {
      const record = await queue.record(connectorId, cancelJob('Q0000000000000000003'));
      return record?.state === 'completed' ? record : undefined;
    }).then((record) => expect(record.outcome).toEqual({ kind: 'REFUSED', reason: 'too late' }));
    expectNoErrors();
  });

  it('fails a job whose handler throws, without retrying it', async () => {
    let calls = 0;
    const job = placeJob('Q0000000000000000004');
    await queue.work(connectorId, () => {
      calls += 1;
      return Promise.reject(new Error('broker link lost'));
    });
    await queue.enqueue(connectorId, job);
    const record = await eventually(async () => {
      const r = await queue.record(connectorId, job);
      return r?.state === 'failed' ? r : undefined;
    });
    expect(record).toEqual({ state: 'failed', failedReason: 'broker link lost', attemptsMade: 1 });
    expect(calls).toBe(1);
    expectNoErrors();
  });

  it('counts the jobs waiting for a connector with no worker yet', async () => {
    await queue.enqueue(connectorId, placeJob('Q0000000000000000005'));
    await queue.enqueue(connectorId, placeJob('Q0000000000000000006'));
    expect(await queue.count(connectorId)).toBe(2);
    expect((await queue.record(connectorId, placeJob('Q0000000000000000005')))?.state).toBe(
      'waiting',
    );
    await queue.work(connectorId, () => Promise.resolve({ kind: 'SENT' }));
    await eventually(async () => ((await queue.count(connectorId)) === 0 ? true : undefined));
    expectNoErrors();
  });

  it('reports the depth of a queue and the age of its oldest waiting job', async () => {
    await queue.enqueue(connectorId, placeJob('Q0000000000000000007'));
    await queue.enqueue(connectorId, placeJob('Q0000000000000000008'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const sample = (await queue.backlog()).find((q) => q.queue === `route.${connectorId}`);
    expect(sample).toMatchObject({ waiting: 2, active: 0, delayed: 0, failed: 0 });
    expect(sample?.oldestWaitingAgeSeconds).toBeGreaterThanOrEqual(0.05);
    expect(sample?.oldestWaitingAgeSeconds).toBeLessThan(30);
    await queue.work(connectorId, () => Promise.resolve({ kind: 'SENT' }));
    const drained = await eventually(async () => {
      const q = (await queue.backlog()).find((b) => b.queue === `route.${connectorId}`);
      return q?.waiting === 0 && q.active === 0 ? q : undefined;
    });
    expect(drained.oldestWaitingAgeSeconds).toBeNull();
    expectNoErrors();
  });

  it('carries the enqueuing request into the job and the worker runs in its context', async () => {
    const seen: LogContext[] = [];
    const received: RouteJob[] = [];
    await queue.work(connectorId, (job) => {
      received.push(job);
      seen.push(logContext());
      return Promise.resolve({ kind: 'SENT' });
    });
    const job = placeJob('Q0000000000000000009');
    await withLogContext({ requestId: 'req-route-1', clientOrderId: 'client-9' }, () =>
      queue.enqueue(connectorId, job),
    );
    await eventually(() => (received.length === 1 ? true : undefined));
    expect(received[0]).toEqual({ ...job, requestId: 'req-route-1', clientOrderId: 'client-9' });
    expect(seen[0]).toEqual({
      requestId: 'req-route-1',
      orderId: job.orderId,
      clientOrderId: 'client-9',
      accountId: job.accountId,
      strategyId: job.strategyId,
    });
    expectNoErrors();
  });
});
