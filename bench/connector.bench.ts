// The connector on the sim: round trip from a route job enqueued on BullMQ to its ORDER_ACK read
// back from the account's Redis stream, and orders/s through one connector, beside the bus's own
// raw round trips (XADD → XREAD, and a BullMQ job to a no-op worker) measured in the same run.
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { ConnectorService, RemarkIndex, RouteWorker, SimMiniQmt } from '@qmt/connector-miniqmt';
import { eventStreamKey, type PlaceOrderJob } from '@qmt/contracts';
import { makeOrderId, XtOrderType, XtPriceType } from '@qmt/domain';
import {
  BullMqRouteQueue,
  bullMqConnection,
  ROUTE_WORKER_CONCURRENCY,
  RedisStreamsPublisher,
  createBusRedis,
} from '@qmt/messaging';
import { createLogger, useAsyncLogContext } from '@qmt/observability';
import { Redis } from 'ioredis';
import { BENCH_REDIS_URL } from './lib/database.js';
import { deleteKeys } from './lib/redis-keys.js';
import { streamTail } from './lib/stream-tail.js';
import { formatNumber, percentile, report, verdict } from './lib/stats.js';

export const title =
  'connector round trip (route job → ORDER_ACK on the bus) and orders/s on the sim';

const ROUND_TRIPS = Number(process.env.BENCH_CONNECTOR_ROUND_TRIPS ?? 2_000);
const THROUGHPUT_ORDERS = Number(process.env.BENCH_CONNECTOR_ORDERS ?? 20_000);
// The connector's own worker concurrency on Redis unless overridden.
const CONCURRENCY = Number(process.env.BENCH_CONNECTOR_CONCURRENCY ?? ROUTE_WORKER_CONCURRENCY);
const REF = { account_id: '8889990001', account_type: 2 };

/** Reads one stream with XREAD BLOCK and resolves waiters by a key of each entry. */
class StreamWatcher {
  private readonly waiters = new Map<string, (at: number) => void>();
  private stopped = false;
  private readonly done: Promise<void>;
  private started: () => void = () => undefined;
  /** Resolves once the watcher knows where it starts: wait() for entries added after this. */
  readonly ready = new Promise<void>((resolve) => (this.started = resolve));

  constructor(
    private readonly redis: Redis,
    private readonly key: string,
    private readonly keyOf: (fields: string) => string | undefined,
  ) {
    this.done = this.loop();
  }

  wait(key: string): Promise<number> {
    return new Promise((resolve) => this.waiters.set(key, resolve));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.redis.disconnect();
    await this.done.catch(() => undefined);
  }

  private async loop(): Promise<void> {
    let last = await streamTail(this.redis, this.key);
    this.started();
    while (!this.stopped) {
      const reply = await this.redis.xread('COUNT', 1000, 'BLOCK', 1000, 'STREAMS', this.key, last);
      const at = performance.now();
      for (const [, entries] of reply ?? []) {
        for (const [id, fields] of entries) {
          last = id;
          const key = this.keyOf(fields[1] ?? '');
          const waiter = key === undefined ? undefined : this.waiters.get(key);
          if (key !== undefined && waiter !== undefined) {
            this.waiters.delete(key);
            waiter(at);
          }
        }
      }
    }
  }
}

function latencies(samples: readonly number[]): string {
  return `p50 ${percentile(samples, 50).toFixed(3)} ms, p99 ${percentile(samples, 99).toFixed(3)} ms`;
}

/** XADD on one connection, XREAD BLOCK on another: the bus alone. */
async function rawStreamRoundTrip(prefix: string): Promise<number[]> {
  const key = `bench:raw:{${prefix}}`;
  const writer = new Redis(BENCH_REDIS_URL);
  const watcher = new StreamWatcher(new Redis(BENCH_REDIS_URL), key, (json) => json);
  await watcher.ready;
  const samples: number[] = [];
  for (let i = 0; i < ROUND_TRIPS; i += 1) {
    const started = performance.now();
    const seen = watcher.wait(String(i));
    await writer.xadd(key, '*', 'event', String(i));
    samples.push((await seen) - started);
  }
  await watcher.stop();
  await writer.del(key);
  writer.disconnect();
  return samples;
}

/** A BullMQ job to a worker that does nothing: the route queue alone. */
async function rawQueueRoundTrip(prefix: string): Promise<number[]> {
  const queue = new BullMqRouteQueue({
    kind: 'redis',
    connection: bullMqConnection(BENCH_REDIS_URL),
    prefix: `bench-raw-${prefix}`,
  });
  const arrived = new Map<string, (at: number) => void>();
  await queue.work('raw', (job) => {
    arrived.get(job.orderId)?.(performance.now());
    return Promise.resolve({ kind: 'SENT' });
  });
  const samples: number[] = [];
  for (let i = 0; i < ROUND_TRIPS; i += 1) {
    const job = placeJob(i, 'raw');
    const seen = new Promise<number>((resolve) => arrived.set(job.orderId, resolve));
    const started = performance.now();
    await queue.enqueue('raw', job);
    samples.push((await seen) - started);
  }
  await queue.close();
  return samples;
}

/** The same queued jobs drained by a no-op worker at the same concurrency: BullMQ's own ceiling. */
/** Throughput, and this process's CPU time per job (user + system: host steal not counted). */
interface Drain {
  readonly perSecond: number;
  readonly cpuUsPerJob: number;
}

const cpuUs = (since: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(since);
  return used.user + used.system;
};

async function rawQueueThroughput(prefix: string): Promise<Drain> {
  const queue = new BullMqRouteQueue({
    kind: 'redis',
    connection: bullMqConnection(BENCH_REDIS_URL),
    prefix: `bench-drain-${prefix}`,
  });
  const jobs = Array.from({ length: THROUGHPUT_ORDERS }, (_, i) => placeJob(i, 'drain'));
  for (let i = 0; i < jobs.length; i += 500) {
    await Promise.all(jobs.slice(i, i + 500).map((job) => queue.enqueue('drain', job)));
  }
  let left = jobs.length;
  let finished: () => void = () => undefined;
  const drained = new Promise<void>((resolve) => (finished = resolve));
  const started = performance.now();
  const cpu = process.cpuUsage();
  await queue.work(
    'drain',
    () => {
      left -= 1;
      if (left === 0) {
        finished();
      }
      return Promise.resolve({ kind: 'SENT' });
    },
    { concurrency: CONCURRENCY },
  );
  await drained;
  const perSecond = (jobs.length / (performance.now() - started)) * 1000;
  const cpuUsPerJob = cpuUs(cpu) / jobs.length;
  await queue.close();
  return { perSecond, cpuUsPerJob };
}

let serial = 0;
function placeJob(i: number, accountId: string): PlaceOrderJob {
  const orderId = makeOrderId(Date.now() + serial++, [
    i % 32,
    (i >> 5) % 32,
    (i >> 10) % 32,
    1,
    2,
    3,
    4,
    5,
    6,
    7,
  ]);
  const now = Date.now();
  return {
    kind: 'PLACE',
    orderId,
    accountId,
    strategyId: 'bench',
    symbol: '000001.SZ',
    orderType: XtOrderType.STOCK_BUY,
    priceType: XtPriceType.FIX_PRICE,
    // Under the ask: the order rests, its ack and 48/50 are its events.
    price: 114_000,
    quantity: 100,
    remark: orderId,
    enqueuedAt: new Date(now).toISOString(),
    expiresAt: new Date(now + 600_000).toISOString(),
  };
}

/** A child process counting ORDER_ACKs on the account's stream (bench/lib/ack-counter.ts). */
async function countAcks(
  accountId: string,
  expected: number,
): Promise<{ readonly lastAckAt: Promise<number> }> {
  const child = fork(resolve(import.meta.dirname, 'lib/ack-counter.js'), [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let ready: () => void = () => undefined;
  let done: (at: number) => void = () => undefined;
  const reading = new Promise<void>((resolve) => (ready = resolve));
  const lastAckAt = new Promise<number>((resolve) => (done = resolve));
  const exited = new Promise<never>((_, fail) =>
    child.once('exit', (code) => fail(new Error(`the ack counter exited with ${code}`))),
  );
  child.on('message', (message: { ready?: boolean; lastAckAt?: number }) => {
    if (message.ready === true) {
      ready();
    } else if (message.lastAckAt !== undefined) {
      done(message.lastAckAt);
      child.kill();
    }
  });
  child.send({ redisUrl: BENCH_REDIS_URL, key: eventStreamKey(accountId), expected });
  await Promise.race([reading, exited]);
  return { lastAckAt: Promise.race([lastAckAt, exited]) };
}

interface ConnectorUnderTest {
  readonly routes: BullMqRouteQueue;
  /** Starts the connector's route worker (jobs may be waiting already). */
  work(): Promise<void>;
  /** Watches the account's stream from this process (started on first use). */
  watcher(): StreamWatcher;
  readonly connectorId: string;
  readonly accountId: string;
  close(): Promise<void>;
}

async function connectorOnSim(prefix: string): Promise<ConnectorUnderTest> {
  const connectorId = `bench-${prefix}`;
  const accountId = `BENCH-${prefix}`;
  // The connection the messaging module gives a connector's publisher.
  const redis = createBusRedis(BENCH_REDIS_URL);
  const publisher = new RedisStreamsPublisher(redis);
  const sim = new SimMiniQmt({
    accounts: [
      { accountId: REF.account_id, accountType: 2, cash: 1_000_000_000_000, positions: [] },
    ],
    instruments: [{ symbol: '000001.SZ', name: '平安银行', preClose: 11.5, tickSize: 0.01 }],
    latencyMs: 0,
    now: () => new Date(),
  });
  const service = new ConnectorService(
    connectorId,
    sim,
    publisher,
    [{ accountId, ref: REF }],
    () => new Date(),
    createLogger('silent'),
  );
  const remarks = new RemarkIndex();
  let reconciledAt = 0;
  service.onBrokerOrder((remark, id) => remarks.remember(remark, id));
  service.onUp(() => {
    reconciledAt = Date.now();
  });
  const worker = new RouteWorker({
    connectorId,
    session: sim,
    publisher,
    now: () => new Date(),
    accountRefOf: (id) => (id === accountId ? REF : undefined),
    isReady: () => service.isReady(),
    remarks,
    reconciledAt: () => reconciledAt,
  });
  await service.start();
  // Jobs of this run are newer than the reconcile: no broker query before each place.
  reconciledAt = Date.now() - 10_000;
  const routes = new BullMqRouteQueue({
    kind: 'redis',
    connection: bullMqConnection(BENCH_REDIS_URL),
    prefix: `bench-${prefix}`,
  });
  const key = eventStreamKey(accountId);
  let watcher: StreamWatcher | undefined;
  // The ack of an order: its type and order id, without parsing every entry in full.
  const ackOf = (json: string): string | undefined =>
    json.includes('"type":"ORDER_ACK"')
      ? (JSON.parse(json) as { orderId?: string }).orderId
      : undefined;
  return {
    routes,
    work: () => routes.work(connectorId, (job) => worker.handle(job), { concurrency: CONCURRENCY }),
    watcher: () => (watcher ??= new StreamWatcher(new Redis(BENCH_REDIS_URL), key, ackOf)),
    connectorId,
    accountId,
    close: async () => {
      await routes.close();
      await service.stop();
      await sim.disconnect();
      sim.close();
      await watcher?.stop();
      await redis.del(key);
      redis.disconnect();
    },
  };
}

export async function run(): Promise<void> {
  // As the connector process runs (apps/connector-miniqmt/src/main.ts), for the raw queue figures
  // too: the same queue adapter, the same process settings.
  useAsyncLogContext(false);
  try {
    await measure();
  } finally {
    useAsyncLogContext(true);
  }
}

async function measure(): Promise<void> {
  const prefix = randomUUID().slice(0, 8);
  const stream = await rawStreamRoundTrip(prefix);
  const queue = await rawQueueRoundTrip(prefix);
  const drain = await rawQueueThroughput(prefix);
  const c = await connectorOnSim(prefix);
  try {
    // Throughput of the connector alone: the jobs wait on the queue (as after a burst from
    // risk), then the worker starts and drains them; time from its start to the last ack.
    const jobs = Array.from({ length: THROUGHPUT_ORDERS }, (_, i) => placeJob(i, c.accountId));
    for (let i = 0; i < jobs.length; i += 500) {
      await Promise.all(jobs.slice(i, i + 500).map((job) => c.routes.enqueue(c.connectorId, job)));
    }
    // The acks are counted in another process, as the OMS reads them: not on the connector's loop.
    const counter = await countAcks(c.accountId, THROUGHPUT_ORDERS);
    const started = performance.timeOrigin + performance.now();
    const cpu = process.cpuUsage();
    await c.work();
    const elapsed = (await counter.lastAckAt) - started;
    const cpuUsPerOrder = cpuUs(cpu) / THROUGHPUT_ORDERS;
    const perSecond = (THROUGHPUT_ORDERS / elapsed) * 1000;

    const roundTrips: number[] = [];
    await c.watcher().ready;
    for (let i = 0; i < ROUND_TRIPS; i += 1) {
      const job = placeJob(i, c.accountId);
      const acked = c.watcher().wait(job.orderId);
      const begun = performance.now();
      await c.routes.enqueue(c.connectorId, job);
      roundTrips.push((await acked) - begun);
    }
    const p99 = percentile(roundTrips, 99);
    report('the bus alone', [
      [`Redis Streams XADD → XREAD (${formatNumber(ROUND_TRIPS)} sequential)`, latencies(stream)],
      [`BullMQ job → no-op worker (${formatNumber(ROUND_TRIPS)} sequential)`, latencies(queue)],
      [
        `BullMQ drain, no-op worker (${formatNumber(THROUGHPUT_ORDERS)} queued, concurrency ${CONCURRENCY})`,
        `${formatNumber(drain.perSecond)} jobs/s, ${drain.cpuUsPerJob.toFixed(0)} µs CPU per job`,
      ],
    ]);
    report('one connector on the sim', [
      [
        `route job → ORDER_ACK on the bus (${formatNumber(ROUND_TRIPS)} sequential)`,
        latencies(roundTrips),
      ],
      [
        `throughput (${formatNumber(THROUGHPUT_ORDERS)} queued jobs drained, worker concurrency ${CONCURRENCY})`,
        `${formatNumber(perSecond)} orders/s, ${cpuUsPerOrder.toFixed(0)} µs CPU per order`,
      ],
    ]);
    console.log(
      `  ${verdict('orders/s per connector', perSecond >= 5_000, formatNumber(perSecond), '>= 5,000')}`,
    );
    console.log(`  ${verdict('round trip p99', p99 < 5, `${p99.toFixed(3)} ms`, '< 5 ms')}`);
  } finally {
    await c.close();
    await deleteKeys([`bench-${prefix}:*`, `bench-raw-${prefix}:*`, `bench-drain-${prefix}:*`]);
  }
}
