// GET /v1/orders/{id} latency with 1,000,000 orders stored (each with its events and a trade),
// beside the same three queries sent straight to Postgres in the same run.
import { OrderStore } from '@qmt/persistence';
import { randomUUID } from 'node:crypto';
import { BENCH_REDIS_URL, createBenchDatabase } from './lib/database.js';
import { startDeskProcess } from './lib/desk-child.js';
import { httpClient } from './lib/http-client.js';
import { formatNumber, percentile, report, verdict } from './lib/stats.js';

export const title = 'GET /v1/orders/{id} with 1,000,000 orders stored';

const ORDERS = Number(process.env.BENCH_DETAIL_ORDERS ?? 1_000_000);
const REQUESTS = Number(process.env.BENCH_DETAIL_REQUESTS ?? 5_000);
/** Orders spread over this many trading days, so their events fill as many partitions. */
const DAYS = 20;
const CHUNK = 100_000;

const orderId = (i: number) => `QB${String(i).padStart(17, '0')}`;

export async function run(): Promise<void> {
  const db = await createBenchDatabase(4);
  const q = (sql: string, params: unknown[] = []) => db.dataSource.query(sql, params);
  try {
    const seedStarted = Date.now();
    const seedBase = new Date(seedStarted).toISOString();
    // The days and partitions the events will land in.
    await q(`SELECT qmt_ensure_event_partitions(current_date - $1::int, current_date)`, [DAYS]);
    for (let from = 0; from < ORDERS; from += CHUNK) {
      const to = Math.min(ORDERS, from + CHUNK) - 1;
      const args = [from, to, DAYS, seedBase];
      // created_at spreads the orders over DAYS days, a few seconds apart; from one base time,
      // so an order and its events (written by separate statements) fall on the same day.
      const at = `($4::timestamptz - ((i % $3) || ' days')::interval - ((i / $3) || ' seconds')::interval)`;
      await q(
        `INSERT INTO orders (order_id, client_order_id, request_hash, account_id, strategy_id,
                             symbol, side, order_type, price_type, price, quantity,
                             filled_quantity, traded_from_trades, reported_filled, fill_notional,
                             avg_fill_price, status, xt_status, broker_order_id, broker_sys_id,
                             trade_ids, created_at, updated_at)
         SELECT 'QB' || lpad(i::text, 17, '0'), 'c-' || i, 'h', 'BENCH-' || (1 + i % 4), 'bench',
                '000001.SZ', 'BUY', 23, 11, 116000, 100, 100, 100, 100, 11600000, 116000,
                'ORDER_SUCCEEDED', 56, i, 'S' || i, ARRAY['T' || i], ${at}, ${at}
           FROM generate_series($1::int, $2::int) AS i`,
        args,
      );
      for (const [type, outcome, state] of [
        ['CREATED', 'applied', 'PENDING_RISK'],
        ['RISK_APPROVED', 'applied', 'ROUTED'],
        ['ORDER_STATUS', 'applied', 'ORDER_REPORTED'],
        ['TRADE', 'applied', 'ORDER_SUCCEEDED'],
      ] as const) {
        await q(
          `INSERT INTO order_events (trading_day, event_id, order_id, account_id, type, source,
                                     outcome, state_after, payload, event_ts)
           SELECT (${at} AT TIME ZONE 'Asia/Shanghai')::date, '${type}:' || i,
                  'QB' || lpad(i::text, 17, '0'), 'BENCH-' || (1 + i % 4), '${type}', 'bench',
                  '${outcome}', '${state}',
                  jsonb_build_object('xtStatus', 50, 'brokerOrderId', i, 'symbol', '000001.SZ',
                                     'quantity', 100, 'price', 116000),
                  ${at}
             FROM generate_series($1::int, $2::int) AS i`,
          args,
        );
      }
      await q(
        `INSERT INTO trades (account_id, trade_id, order_id, strategy_id, symbol, side, quantity,
                             price, amount, commission, traded_at)
         SELECT 'BENCH-' || (1 + i % 4), 'T' || i, 'QB' || lpad(i::text, 17, '0'), 'bench',
                '000001.SZ', 'BUY', 100, 116000, 11600000, 50000, ${at}
           FROM generate_series($1::int, $2::int) AS i`,
        args,
      );
      process.stdout.write(`  seeded ${formatNumber(to + 1)} orders\r`);
    }
    // A loaded desk's steady state: vacuumed, analysed, and the seeding's writes checkpointed.
    await q('VACUUM ANALYZE');
    await q('CHECKPOINT');
    const seedSeconds = (Date.now() - seedStarted) / 1000;
    const counts = (await q(
      `SELECT (SELECT count(*) FROM orders)::text AS orders,
              (SELECT count(*) FROM order_events)::text AS events,
              (SELECT count(*) FROM trades)::text AS trades`,
    )) as { orders: string; events: string; trades: string }[];

    // The desk in its own process, as a client would meet it; this one only sends requests.
    const app = await startDeskProcess({
      databaseUrl: db.url,
      ...(process.env.BENCH_DETAIL_REDIS === '1' ? { redisUrl: BENCH_REDIS_URL } : {}),
      queueNamespace: `bench${randomUUID().slice(0, 8)}`,
    });
    const client = httpClient(app.httpUrl);
    try {
      // Random ids, the same for both measurements; a warm-up pass first.
      const ids = Array.from({ length: REQUESTS }, () =>
        orderId(Math.floor(Math.random() * ORDERS)),
      );
      const headers = { authorization: 'Bearer bench-key' };
      const get = async (id: string) => {
        const answer = await client.send('GET', `/v1/orders/${id}`, headers);
        if (answer.status !== 200) {
          throw new Error(`GET /v1/orders/${id} answered ${answer.status}`);
        }
        return JSON.parse(answer.body) as { events: unknown[]; trades: unknown[] };
      };
      for (const id of ids.slice(0, 500)) {
        await get(id);
      }
      // Reference: the same detail read through OrderStore (one prepared statement) with no
      // HTTP, JSON or Nest. The reads of an id are interleaved, in a random order, so all meet
      // the same cache state and the same moment of the host.
      const store = new OrderStore(db.dataSource);
      const http: number[] = [];
      const sql: number[] = [];
      // A second reference: the desk's cheapest route, the transport and Nest with no query.
      const live: number[] = [];
      const viaLive = async () => {
        await client.send('GET', '/health/live');
      };
      let checked = 0;
      const timed = async (fn: () => Promise<void>, into: number[]) => {
        const started = process.hrtime.bigint();
        await fn();
        into.push(Number(process.hrtime.bigint() - started) / 1e6);
      };
      for (const id of ids) {
        const viaHttp = async () => {
          const body = await get(id);
          checked += body.events.length === 4 && body.trades.length === 1 ? 1 : 0;
        };
        const viaStore = async () => {
          if ((await store.getDetail(id)) === null) {
            throw new Error(`order ${id} is not stored`);
          }
        };
        const reads: [() => Promise<void>, number[]][] = [
          [viaHttp, http],
          [viaStore, sql],
          [viaLive, live],
        ];
        reads.sort(() => Math.random() - 0.5);
        for (const [read, into] of reads) {
          await timed(read, into);
        }
      }
      if (checked !== ids.length) {
        throw new Error(`${ids.length - checked} detail answers lacked their events or trade`);
      }
      const ms = (v: number) => `${v.toFixed(2)} ms`;
      report(
        `${counts[0]?.orders} orders, ${counts[0]?.events} events, ${counts[0]?.trades} trades (seeded in ${seedSeconds.toFixed(0)} s); ${formatNumber(REQUESTS)} sequential GETs`,
        [
          ['GET /v1/orders/{id} p50', ms(percentile(http, 50))],
          ['GET /v1/orders/{id} p99', ms(percentile(http, 99))],
          ['GET /v1/orders/{id} p99.9', ms(percentile(http, 99.9))],
          ['the same read via OrderStore, no HTTP, p50 (reference)', ms(percentile(sql, 50))],
          ['the same read via OrderStore, no HTTP, p99 (reference)', ms(percentile(sql, 99))],
          ['GET /health/live, no query, p50 (reference)', ms(percentile(live, 50))],
          ['GET /health/live, no query, p99 (reference)', ms(percentile(live, 99))],
        ],
      );
      const p99 = percentile(http, 99);
      console.log(`  ${verdict('GET /v1/orders/{id} p99', p99 < 5, ms(p99), '< 5 ms')}`);
    } finally {
      client.close();
      await app.close();
    }
  } finally {
    await db.drop();
  }
}
