// Scheduling overhead of the algo runtime with 500 concurrent parents: the whole desk (BullMQ and
// streams on Redis, Postgres, in-process risk and sim) runs 500 TWAP parents whose buckets all
// fall due at the same instants, on a sim clock 6× faster than the wall (a 60 s bucket in 10 s).
// Measured per bucket job from the stored slices: how late after its bucket start it planned,
// and how long until the whole tick of 500 children was out; beside, in the same run, 500
// delayed BullMQ jobs due at one instant on the same Redis with an empty handler.
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { loadDeskConfig, type DeskConfig } from '@qmt/contracts';
import { createDeskApp } from '@qmt/desk';
import { createLogger } from '@qmt/observability';
import { ExchangeClock } from '@qmt/runtime';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { BENCH_REDIS_URL, createBenchDatabase } from './lib/database.js';
import { formatNumber, percentile, report, verdict } from './lib/stats.js';

export const title = 'algo runtime: 500 concurrent parents on BullMQ (Redis), Postgres and the sim';

const PARENTS = Number(process.env.BENCH_ALGO_PARENTS ?? 500);
const BUCKETS = 5;
const SCALE = 6;
// Bucket jobs at once per account queue (the desk's default is 32).
const CONCURRENCY = Number(process.env.BENCH_ALGO_CONCURRENCY ?? 32);
// A bucket is 10 s of wall clock here (60 s at 6×): the target is that a whole tick of 500 parents
// is out within a quarter of a real 60 s bucket, so scheduling never eats the bucket it serves.
const TICK_TARGET_MS = 15_000;

function isolated(desk: DeskConfig, suffix: string): DeskConfig {
  const rename = (id: string) => `${id}-${suffix}`;
  return {
    ...desk,
    connectors: desk.connectors.map((c) => ({ ...c, id: rename(c.id) })),
    accounts: desk.accounts.map((a) => ({
      ...a,
      id: rename(a.id),
      connector: rename(a.connector),
    })),
    strategies: desk.strategies.map((s) => ({
      ...s,
      accounts: s.accounts.map(rename),
      budgets: Object.fromEntries(Object.entries(s.budgets).map(([k, v]) => [rename(k), v])),
    })),
  };
}

/** A clock standing at `start` until go(), then running `scale`× the wall. */
function heldClock(start: Date, scale: number) {
  let anchor: number | null = null;
  return {
    clock: new ExchangeClock(
      'wall',
      () => (anchor === null ? start : new Date(start.getTime() + (Date.now() - anchor) * scale)),
      scale,
    ),
    go: () => {
      anchor = Date.now();
    },
  };
}

function weekday(): string {
  for (let back = 0; ; back += 1) {
    const day = new Date(Date.now() + 8 * 3_600_000 - back * 86_400_000);
    if (day.getUTCDay() !== 0 && day.getUTCDay() !== 6) {
      return day.toISOString().slice(0, 10);
    }
  }
}

/** Raw reference: PARENTS delayed jobs due at one instant, an empty handler, same concurrency. */
async function rawBullMq(prefix: string): Promise<{ lateMs: number[]; tickMs: number }> {
  const connection = { url: BENCH_REDIS_URL, maxRetriesPerRequest: null };
  const queue = new Queue('raw', { connection, prefix });
  const due = Date.now() + 2_000;
  const lateMs: number[] = [];
  let last = 0;
  const workers = Array.from(
    { length: 4 },
    () =>
      new Worker(
        'raw',
        () => {
          const now = Date.now();
          lateMs.push(now - due);
          last = Math.max(last, now);
          return Promise.resolve();
        },
        { connection, prefix, concurrency: 32 },
      ),
  );
  await Promise.all(
    Array.from({ length: PARENTS }, (_, i) =>
      queue.add('j', { i }, { jobId: `raw-${i}`, delay: due - Date.now() }),
    ),
  );
  while (lateMs.length < PARENTS) {
    await new Promise((r) => setTimeout(r, 20));
  }
  await Promise.all(workers.map((w) => w.close()));
  await queue.obliterate({ force: true });
  await queue.close();
  return { lateMs, tickMs: last - due };
}

export async function run(): Promise<void> {
  const suffix = randomUUID().slice(0, 8);
  const desk = isolated(loadDeskConfig(resolve(import.meta.dirname, '../desk.yaml')), suffix);
  const accounts = desk.accounts.map((a) => a.id);
  const day = weekday();
  const held = heldClock(new Date(`${day}T10:00:00+08:00`), SCALE);
  const db = await createBenchDatabase(4);
  const prefix = `bench-${suffix}`;
  const app = await createDeskApp({
    desk,
    databaseUrl: db.url,
    redisUrl: BENCH_REDIS_URL,
    queueNamespace: prefix,
    risk: { mode: 'in-process' },
    httpPort: 0,
    grpcPort: 0,
    logger: createLogger('silent'),
    clock: held.clock,
    algo: { concurrency: CONCURRENCY },
  });
  try {
    // Every parent's first bucket at 10:00:30, so all 500 fall due at the same instants.
    const submitStarted = Date.now();
    for (let i = 0; i < PARENTS; i += 50) {
      await Promise.all(
        Array.from({ length: Math.min(50, PARENTS - i) }, async (_, k) => {
          const n = i + k;
          const response = await fetch(`${app.httpUrl}/v1/orders`, {
            method: 'POST',
            headers: { authorization: 'Bearer bench-key', 'content-type': 'application/json' },
            body: JSON.stringify({
              accountId: accounts[n % accounts.length],
              clientOrderId: `algo-bench-${n}`,
              symbol: n % 2 === 0 ? '000001.SZ' : '600000.SH',
              side: 'BUY',
              quantity: BUCKETS * 100,
              priceType: 'LIMIT',
              price: n % 2 === 0 ? 11.6 : 8.3,
              algo: {
                type: 'TWAP',
                startTime: '10:00:30',
                durationSeconds: BUCKETS * 60,
                urgency: 'AGGRESSIVE',
              },
            }),
          });
          if (response.status !== 201) {
            throw new Error(`parent ${n}: ${response.status} ${await response.text()}`);
          }
        }),
      );
    }
    const submitMs = Date.now() - submitStarted;
    held.go();
    const q = (sql: string, params: unknown[] = []) =>
      db.dataSource.query<Record<string, string>[]>(sql, params);
    const deadline = Date.now() + (BUCKETS + 3) * (60_000 / SCALE) + 60_000;
    for (;;) {
      const [row] = await q(
        `SELECT count(*)::text AS n FROM algo_orders WHERE finished_at IS NOT NULL`,
      );
      if (Number(row?.n) >= PARENTS || Date.now() > deadline) {
        break;
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    // Lateness of each bucket job (planned_at − bucket start, exchange ms ÷ scale = wall ms), and
    // per tick the time until the last of its children was written.
    const slices = await q(
      `SELECT bucket_index::text AS b,
              (extract(epoch FROM planned_at - bucket_start) * 1000)::text AS late
         FROM algo_slices`,
    );
    const lateMs = slices.map((s) => Number(s.late) / SCALE);
    const ticks = await q(
      `SELECT s.bucket_index::text AS b,
              (extract(epoch FROM max(c.created_at) - min(s.bucket_start)) * 1000)::text AS out
         FROM algo_slices s JOIN orders c ON c.order_id = s.child_order_id
        GROUP BY s.bucket_index ORDER BY s.bucket_index`,
    );
    const tickMs = ticks.map((t) => Number(t.out) / SCALE);
    const [counts] = await q(
      `SELECT (SELECT count(*) FROM algo_slices)::text AS slices,
              (SELECT count(*) FROM orders WHERE parent_id IS NOT NULL)::text AS children,
              (SELECT count(*) FROM orders WHERE parent_id IS NOT NULL AND status = 'ORDER_SUCCEEDED')::text AS filled,
              (SELECT count(*) FROM algo_orders WHERE state = 'COMPLETED')::text AS completed`,
    );
    const raw = await rawBullMq(prefix);
    const ms = (v: number) => `${formatNumber(v, 1)} ms`;
    report(`${PARENTS} TWAP parents × ${BUCKETS} buckets, all due together (${SCALE}× clock)`, [
      [
        'parents submitted (POST /v1/orders, 50 at a time)',
        `${formatNumber(submitMs / 1000, 1)} s`,
      ],
      [
        'slices / children / filled / parents completed',
        `${counts?.slices} / ${counts?.children} / ${counts?.filled} / ${counts?.completed}`,
      ],
      ['bucket job late after bucket start p50', ms(percentile(lateMs, 50))],
      ['bucket job late after bucket start p99', ms(percentile(lateMs, 99))],
      ['tick of 500: last child written after bucket start p50', ms(percentile(tickMs, 50))],
      ['tick of 500: last child written, worst tick', ms(Math.max(...tickMs))],
      [
        'bucket jobs per second (500 ÷ worst tick)',
        formatNumber(PARENTS / (Math.max(...tickMs) / 1000), 0),
      ],
      ['raw BullMQ, empty handler: job late p50', ms(percentile(raw.lateMs, 50))],
      ['raw BullMQ, empty handler: job late p99', ms(percentile(raw.lateMs, 99))],
      ['raw BullMQ, empty handler: last of 500 done after due', ms(raw.tickMs)],
    ]);
    const worst = Math.max(...tickMs);
    console.log(
      `  ${verdict(`worst tick of ${PARENTS} parents`, worst < TICK_TARGET_MS, ms(worst), `< ${formatNumber(TICK_TARGET_MS)} ms, a quarter of a 60 s bucket`)}`,
    );
  } finally {
    await app.close();
    const redis = new Redis(BENCH_REDIS_URL);
    const keys = await redis.keys(`*${suffix}*`);
    for (let i = 0; i < keys.length; i += 500) {
      await redis.del(...keys.slice(i, i + 500));
    }
    redis.disconnect();
    await db.drop();
  }
}
