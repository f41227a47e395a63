// OMS ingestion: events/s into Postgres with dedupe (the real OrderEventsConsumer.ingest path,
// then the same through Redis Streams), beside a raw multi-row INSERT of the same event rows into
// a plain table, measured in the same run on the same database.
import { CONSUMER_GROUP, eventStreamKey, loadDeskConfig, type GatewayEvent } from '@qmt/contracts';
import { aFilledLifecycle, type EventOrder } from '@qmt/contracts/fixtures';
import { ConnectorStatusBoard, INGEST_BATCH_SIZE, OrderEventsConsumer } from '@qmt/oms';
import {
  InMemoryDeadLetterSink,
  EventConsumer,
  RedisStreamsConsumer,
  type DeliveredEvent,
} from '@qmt/messaging';
import { GatewayMetrics, createLogger } from '@qmt/observability';
import { AuditLog, OrderStore } from '@qmt/persistence';
import { AuditTrail, DeskDirectory } from '@qmt/runtime';
import { Redis } from 'ioredis';
import { resolve } from 'node:path';
import { BENCH_REDIS_URL, createBenchDatabase } from './lib/database.js';
import { formatNumber, report, verdict } from './lib/stats.js';

export const title = 'OMS ingestion into Postgres with dedupe vs a raw multi-row INSERT';

const ORDERS = Number(process.env.BENCH_INGEST_ORDERS ?? 6_000);
/** 48, 50, then three trades each with its 55/56: 8 events per order. */
const FILLS = 3;
/** Orders live at once in the stream: their events interleave as a busy account's do. */
const CONCURRENT = 200;
/** Accounts ingested side by side in the parallel run (the OMS runs up to INGEST_LOOPS). */
const PARALLEL_ACCOUNTS = ['BENCH-A0', 'BENCH-A1', 'BENCH-A2', 'BENCH-A3'];

/** The direct path calls ingest() itself: nothing to consume. */
class IdleConsumer extends EventConsumer {
  consume(): Promise<void> {
    return Promise.resolve();
  }
  stop(): Promise<void> {
    return Promise.resolve();
  }
}

function streamOf(accountId: string, prefix: string, orders: number): GatewayEvent[] {
  const events: GatewayEvent[] = [];
  for (let start = 0; start < orders; start += CONCURRENT) {
    const lifecycles: GatewayEvent[][] = [];
    for (let i = start; i < Math.min(orders, start + CONCURRENT); i += 1) {
      const order: EventOrder = {
        orderId: `${prefix}${String(i).padStart(12, '0')}`,
        accountId,
        strategyId: 'alpha',
        symbol: '000001.SZ',
        quantity: 300,
        price: 116000,
        brokerOrderId: i + 1,
      };
      lifecycles.push(aFilledLifecycle(order, FILLS));
    }
    for (let step = 0; step < 2 + 2 * FILLS; step += 1) {
      for (const lifecycle of lifecycles) {
        events.push(lifecycle[step]!);
      }
    }
  }
  return events;
}

async function seedOrders(
  query: (sql: string, params: unknown[]) => Promise<unknown>,
  accountId: string,
  prefix: string,
  orders: number,
): Promise<void> {
  await query(
    `INSERT INTO orders (order_id, client_order_id, request_hash, account_id, strategy_id, symbol,
                         side, order_type, price_type, price, quantity, status, created_at,
                         updated_at)
     SELECT $1 || lpad(i::text, 12, '0'), $1 || i, 'h', $2, 'alpha', '000001.SZ', 'BUY', 23, 11,
            116000, 300, 'ROUTED', now(), now()
       FROM generate_series(0, $3 - 1) AS i`,
    [prefix, accountId, orders],
  );
}

/** The trade rows of a batch's TRADE events as a plain multi-row INSERT ... VALUES. */
async function rawTradeInsert(
  query: (sql: string, params: unknown[]) => Promise<unknown>,
  batch: readonly GatewayEvent[],
): Promise<void> {
  const params: unknown[] = [];
  const values = batch.flatMap((e) => {
    if (e.type !== 'TRADE') {
      return [];
    }
    const at = params.length;
    params.push(
      e.accountId,
      e.payload.tradeId,
      e.orderId ?? null,
      e.strategyId ?? null,
      e.payload.symbol,
      'BUY',
      e.payload.quantity,
      e.payload.price,
      e.payload.amount,
      e.payload.commission,
      e.payload.tradedAt,
    );
    return [`(${Array.from({ length: 11 }, (_, k) => `$${at + k + 1}`).join(', ')})`];
  });
  if (values.length === 0) {
    return;
  }
  await query(
    `INSERT INTO bench_raw_trades (account_id, trade_id, order_id, strategy_id, symbol, side,
                                   quantity, price, amount, commission, traded_at)
     VALUES ${values.join(', ')}`,
    params,
  );
}

/** One batch of event rows as a plain multi-row INSERT ... VALUES. */
async function rawInsert(
  query: (sql: string, params: unknown[]) => Promise<unknown>,
  batch: readonly GatewayEvent[],
): Promise<void> {
  const params: unknown[] = [];
  const values = batch.map((e) => {
    const at = params.length;
    params.push(
      e.ts.slice(0, 10),
      e.eventId,
      e.orderId ?? null,
      e.accountId,
      e.type,
      e.source,
      'applied',
      'ORDER_PART_SUCC',
      JSON.stringify(e.payload),
      e.ts,
    );
    return `(${Array.from({ length: 10 }, (_, k) => `$${at + k + 1}`).join(', ')})`;
  });
  await query(
    `INSERT INTO bench_raw_events (trading_day, event_id, order_id, account_id, type, source,
                                   outcome, state_after, payload, event_ts)
     VALUES ${values.join(', ')}`,
    params,
  );
}

/** The entries as a bus consumer hands them over: parsed, with the text they came as. */
const delivered = (events: readonly GatewayEvent[]): DeliveredEvent[] =>
  events.map((event, i) => ({
    entryId: `${i + 1}-0`,
    accountId: event.accountId,
    ok: true,
    event,
    raw: JSON.stringify(event),
  }));

function batches<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    out.push(items.slice(i, i + size));
  }
  return out;
}

export async function run(): Promise<void> {
  const db = await createBenchDatabase();
  const redis = new Redis(BENCH_REDIS_URL);
  const streamKey = eventStreamKey('BENCH-REDIS');
  try {
    const query = (sql: string, params: unknown[]) => db.dataSource.query(sql, params);
    const desk = new DeskDirectory(
      loadDeskConfig(resolve(import.meta.dirname, '../../config/desk.yaml')),
    );
    const metrics = new GatewayMetrics({ defaultMetrics: false });
    const oms = (consumer: EventConsumer) =>
      new OrderEventsConsumer(
        consumer,
        new InMemoryDeadLetterSink(),
        new OrderStore(db.dataSource),
        desk,
        new ConnectorStatusBoard(),
        metrics,
        new AuditTrail(new AuditLog(db.dataSource), () => new Date()),
        createLogger('silent'),
      );
    const direct = oms(new IdleConsumer());

    // Warm-up: JIT, plans and the pool, on orders of their own.
    await seedOrders(query, 'BENCH-WARM', 'W', 1000);
    for (const batch of batches(delivered(streamOf('BENCH-WARM', 'W', 1000).slice(0, 4000)), 500)) {
      await direct.ingest(batch);
    }

    // Baseline: the same rows, plain multi-row INSERT ... VALUES into a table with the same
    // columns and indexes as order_events (not partitioned).
    // A second baseline adds the other rows ingestion inserts, the trades, each batch in one
    // transaction as ingestion has it.
    await query(`CREATE TABLE bench_raw_events (LIKE order_events INCLUDING ALL)`, []);
    await query(`CREATE TABLE bench_raw_trades (LIKE trades INCLUDING ALL)`, []);
    const raw = async (streams: readonly GatewayEvent[][], withTrades = false): Promise<number> => {
      const started = process.hrtime.bigint();
      await Promise.all(
        streams.map(async (stream) => {
          for (const batch of batches(stream, INGEST_BATCH_SIZE)) {
            if (withTrades) {
              await db.dataSource.transaction(async (manager) => {
                const inTx = (sql: string, params: unknown[]) => manager.query(sql, params);
                await rawInsert(inTx, batch);
                await rawTradeInsert(inTx, batch);
              });
            } else {
              await rawInsert(query, batch);
            }
          }
        }),
      );
      return Number(process.hrtime.bigint() - started) / 1e9;
    };
    // The OMS path: dedupe, state machine, events, orders, trades, book flows, one tx per batch;
    // one account's batches in order, accounts side by side (as the OMS's consume loops run).
    // This process's CPU per event ingested, by run (user + system; host steal not counted).
    const cpuPerEvent: number[] = [];
    const ingest = async (streams: readonly GatewayEvent[][]): Promise<number> => {
      const prepared = streams.map((stream) => batches(delivered(stream), INGEST_BATCH_SIZE));
      const cpu = process.cpuUsage();
      const started = process.hrtime.bigint();
      await Promise.all(
        prepared.map(async (stream) => {
          for (const batch of stream) {
            await direct.ingest(batch);
          }
        }),
      );
      const used = process.cpuUsage(cpu);
      cpuPerEvent.push((used.user + used.system) / streams.reduce((n, s) => n + s.length, 0));
      return Number(process.hrtime.bigint() - started) / 1e9;
    };

    const events = streamOf('BENCH-PG', 'P', ORDERS);
    await seedOrders(query, 'BENCH-PG', 'P', ORDERS);
    const rawSeconds = await raw([events]);
    await query('TRUNCATE bench_raw_events', []);
    const rawAllSeconds = await raw([events], true);
    const ingestSeconds = await ingest([events]);
    // A whole replay: every event a duplicate.
    const replaySeconds = await ingest([events]);

    const parallel = PARALLEL_ACCOUNTS.map((account, k) => {
      const prefix = `A${k}`;
      return {
        account,
        prefix,
        events: streamOf(account, prefix, ORDERS / PARALLEL_ACCOUNTS.length),
      };
    });
    for (const p of parallel) {
      await seedOrders(query, p.account, p.prefix, ORDERS / PARALLEL_ACCOUNTS.length);
    }
    const rawParallelSeconds = await raw(parallel.map((p) => p.events));
    const ingestParallelSeconds = await ingest(parallel.map((p) => p.events));

    const check = await db.dataSource.query<{ status: string; n: string }[]>(
      `SELECT status, count(*)::text AS n FROM orders
        WHERE account_id = 'BENCH-PG' OR account_id LIKE 'BENCH-A_' GROUP BY 1`,
    );
    if (check.length !== 1 || check[0]?.status !== 'ORDER_SUCCEEDED') {
      throw new Error(`ingestion went wrong: ${JSON.stringify(check)}`);
    }

    // End to end through Redis Streams: XREADGROUP batches, ingest, XACK.
    await redis.del(streamKey);
    await seedOrders(query, 'BENCH-REDIS', 'R', ORDERS);
    const redisEvents = streamOf('BENCH-REDIS', 'R', ORDERS);
    for (const chunk of batches(redisEvents, 1000)) {
      const pipeline = redis.pipeline();
      for (const event of chunk) {
        pipeline.xadd(streamKey, '*', 'event', JSON.stringify(event));
      }
      await pipeline.exec();
    }
    const streams = new RedisStreamsConsumer(redis);
    const viaRedis = oms(streams);
    let seen = 0;
    let done: () => void = () => undefined;
    const finished = new Promise<void>((r) => (done = r));
    const redisStarted = process.hrtime.bigint();
    await streams.consume({
      group: CONSUMER_GROUP.OMS,
      consumer: 'bench',
      accountIds: ['BENCH-REDIS'],
      batchSize: INGEST_BATCH_SIZE,
      handler: async (batch) => {
        await viaRedis.ingest(batch);
        seen += batch.length;
        if (seen >= redisEvents.length) {
          done();
        }
      },
    });
    await finished;
    const redisSeconds = Number(process.hrtime.bigint() - redisStarted) / 1e9;
    await streams.stop();

    const rate = (n: number, seconds: number) => n / seconds;
    const rawRate = rate(events.length, rawSeconds);
    const rawAllRate = rate(events.length, rawAllSeconds);
    const ingestRate = rate(events.length, ingestSeconds);
    const rawParallel = rate(events.length, rawParallelSeconds);
    const ingestParallel = rate(events.length, ingestParallelSeconds);
    const pct = (a: number, b: number) => `${formatNumber((100 * a) / b)}%`;
    report(
      `${formatNumber(events.length)} events (${formatNumber(ORDERS)} orders × ${2 + 2 * FILLS}), batches of ${INGEST_BATCH_SIZE}`,
      [
        ['one account: raw multi-row INSERT (reference)', `${formatNumber(rawRate)} rows/s`],
        [
          'one account: raw INSERT of the events and their trades, a tx per batch (reference)',
          `${formatNumber(rawAllRate)} events/s`,
        ],
        [
          'one account: OMS ingest with dedupe',
          `${formatNumber(ingestRate)} events/s (${pct(ingestRate, rawRate)} of raw events, ${pct(ingestRate, rawAllRate)} of raw events + trades), ${formatNumber(cpuPerEvent[0] ?? 0, 1)} µs of Node CPU per event`,
        ],
        [
          `${PARALLEL_ACCOUNTS.length} accounts side by side: raw INSERT (reference)`,
          `${formatNumber(rawParallel)} rows/s`,
        ],
        [
          `${PARALLEL_ACCOUNTS.length} accounts side by side: OMS ingest`,
          `${formatNumber(ingestParallel)} events/s (${pct(ingestParallel, rawParallel)} of raw), ${formatNumber(cpuPerEvent[2] ?? 0, 1)} µs of Node CPU per event`,
        ],
        [
          'the one-account stream replayed (all duplicates)',
          `${formatNumber(rate(events.length, replaySeconds))} events/s`,
        ],
        [
          'via Redis Streams (XREADGROUP + ingest + XACK)',
          `${formatNumber(rate(redisEvents.length, redisSeconds))} events/s`,
        ],
      ],
    );
    const best = Math.max(ingestRate, ingestParallel);
    console.log(
      `  ${verdict('ingest throughput', best >= 20_000, `${formatNumber(best)} events/s`, '>= 20,000')}`,
    );
    console.log(
      `  ${verdict('share of raw INSERT', ingestParallel >= rawParallel / 2 && ingestRate >= rawRate / 2, `${pct(ingestRate, rawRate)} and ${pct(ingestParallel, rawParallel)}`, '>= 50%')}`,
    );
  } finally {
    await redis.del(streamKey);
    redis.disconnect();
    await db.drop();
  }
}
