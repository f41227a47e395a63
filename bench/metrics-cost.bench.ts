// The cost of metrics on the order path, with and without, in the same run and process: the
// same services with their GatewayMetrics switched to no-ops and back (bench/lib/metrics-switch),
// phases alternating so drift of the machine falls on both. Measured: the OMS ingestion batch
// (OrderEventsConsumer.ingest on Postgres), POST /v1/orders on the desk, the instrumentation one
// order costs across the apps on its own, and a /metrics scrape.
import { loadDeskConfig } from '@qmt/contracts';
import { aFilledLifecycle } from '@qmt/contracts/fixtures';
import { createDeskApp } from '@qmt/desk';
import { ConnectorStatusBoard, INGEST_BATCH_SIZE, OrderEventsConsumer } from '@qmt/oms';
import { EventConsumer, InMemoryDeadLetterSink, type DeliveredEvent } from '@qmt/messaging';
import { GatewayMetrics, OrderStage, createLogger } from '@qmt/observability';
import { AuditLog, OrderStore } from '@qmt/persistence';
import { AuditTrail, DeskDirectory, ExchangeClock } from '@qmt/runtime';
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { BENCH_REDIS_URL, createBenchDatabase } from './lib/database.js';
import { metricsSwitch, type MetricsSwitch } from './lib/metrics-switch.js';
import { formatNumber, percentile, report, verdict } from './lib/stats.js';

export const title = 'metrics on the order path: real registry vs no-op, same run';

const ROUNDS = 4;
const INGEST_ORDERS = Number(process.env.BENCH_METRICS_INGEST_ORDERS ?? 4_000);
const SUBMITS = Number(process.env.BENCH_METRICS_SUBMITS ?? 2_000);
const MICRO_ORDERS = 200_000;

class IdleConsumer extends EventConsumer {
  consume(): Promise<void> {
    return Promise.resolve();
  }
  stop(): Promise<void> {
    return Promise.resolve();
  }
}

/**
 * Measures sample i with and without metrics back to back (which goes first alternates), so
 * the machine's drift and other tenants fall on both variants alike.
 */
async function interleaved(
  toggle: MetricsSwitch,
  count: number,
  measure: (variant: 'with' | 'without', i: number) => Promise<number>,
): Promise<{ with: number[]; without: number[] }> {
  const out = { with: [] as number[], without: [] as number[] };
  for (let i = 0; i < count; i += 1) {
    for (const variant of i % 2 === 0
      ? (['with', 'without'] as const)
      : (['without', 'with'] as const)) {
      if (variant === 'with') {
        toggle.on();
      } else {
        toggle.off();
      }
      out[variant].push(await measure(variant, i));
    }
  }
  toggle.on();
  return out;
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
const overhead = (withM: number, without: number) =>
  `${withM >= without ? '+' : ''}${formatNumber((100 * (withM - without)) / without, 1)}%`;

async function ingestion(rows: [string, string][]): Promise<number> {
  const db = await createBenchDatabase();
  try {
    const desk = new DeskDirectory(
      loadDeskConfig(resolve(import.meta.dirname, '../../config/desk.yaml')),
    );
    const metrics = new GatewayMetrics({ defaultMetrics: false });
    const consumer = new OrderEventsConsumer(
      new IdleConsumer(),
      new InMemoryDeadLetterSink(),
      new OrderStore(db.dataSource),
      desk,
      new ConnectorStatusBoard(),
      metrics,
      new AuditTrail(new AuditLog(db.dataSource), () => new Date()),
      createLogger('silent'),
      new ExchangeClock('wall'),
    );
    const prepare = async (tag: string): Promise<DeliveredEvent[][]> => {
      const accountId = `BENCH-${tag}`;
      await db.dataSource.query(
        `INSERT INTO orders (order_id, client_order_id, request_hash, account_id, strategy_id, symbol,
                             side, order_type, price_type, price, quantity, status, created_at, updated_at)
         SELECT $1 || lpad(i::text, 12, '0'), $1 || i, 'h', $2, 'alpha', '000001.SZ', 'BUY', 23, 11,
                116000, 300, 'ROUTED', now(), now()
           FROM generate_series(0, $3 - 1) AS i`,
        [tag, accountId, INGEST_ORDERS],
      );
      const events = Array.from({ length: INGEST_ORDERS }, (_, i) =>
        aFilledLifecycle(
          {
            orderId: `${tag}${String(i).padStart(12, '0')}`,
            accountId,
            strategyId: 'alpha',
            symbol: '000001.SZ',
            quantity: 300,
            price: 116000,
            brokerOrderId: i + 1,
          },
          3,
        ),
      ).flat();
      const delivered = events.map((event, i) => ({
        entryId: `${i + 1}-0`,
        accountId,
        ok: true as const,
        event,
      }));
      const batches: DeliveredEvent[][] = [];
      for (let i = 0; i < delivered.length; i += INGEST_BATCH_SIZE) {
        batches.push(delivered.slice(i, i + INGEST_BATCH_SIZE));
      }
      return batches;
    };
    // Warm-up: JIT, plans, the pool.
    for (const batch of await prepare('W')) {
      await consumer.ingest(batch);
    }
    const sets = { with: await prepare('M'), without: await prepare('N') };
    const result = await interleaved(
      metricsSwitch(metrics),
      sets.with.length,
      async (variant, i) => {
        const batch = sets[variant][i] ?? [];
        const started = process.hrtime.bigint();
        await consumer.ingest(batch);
        return Number(process.hrtime.bigint() - started) / 1e6;
      },
    );
    const ms = (xs: number[], p: number) => percentile(xs, p).toFixed(2);
    const mean = (xs: number[]) => (sum(xs) / xs.length).toFixed(2);
    rows.push(
      [
        `ingest batch of ${INGEST_BATCH_SIZE} events p50 / p90 with`,
        `${ms(result.with, 50)} / ${ms(result.with, 90)} ms (mean ${mean(result.with)})`,
      ],
      [
        `ingest batch of ${INGEST_BATCH_SIZE} events p50 / p90 without`,
        `${ms(result.without, 50)} / ${ms(result.without, 90)} ms (mean ${mean(result.without)}; ${overhead(percentile(result.with, 50), percentile(result.without, 50))} at p50)`,
      ],
    );
    // The median: a checkpoint or an autovacuum landing on a few batches moves the mean, and
    // which variant it lands on is chance.
    return (
      (percentile(result.with, 50) - percentile(result.without, 50)) /
      percentile(result.without, 50)
    );
  } finally {
    await db.drop();
  }
}

function freePort(): Promise<number> {
  return new Promise((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

async function submitPath(rows: [string, string][]): Promise<number> {
  const db = await createBenchDatabase(4);
  const metrics = new GatewayMetrics({ app: 'desk' });
  const namespace = `bench${randomUUID().slice(0, 8)}`;
  const app = await createDeskApp({
    desk: loadDeskConfig(resolve(import.meta.dirname, '../desk.yaml')),
    databaseUrl: db.url,
    redisUrl: BENCH_REDIS_URL,
    queueNamespace: namespace,
    risk: { mode: 'in-process' },
    httpPort: 0,
    grpcPort: await freePort(),
    logger: createLogger('silent'),
    metrics,
  });
  try {
    const accounts = ['BENCH-1', 'BENCH-2', 'BENCH-3', 'BENCH-4'];
    const submit = async (tag: string, i: number): Promise<number> => {
      const started = performance.now();
      const response = await fetch(`${app.httpUrl}/v1/orders`, {
        method: 'POST',
        headers: { authorization: 'Bearer bench-key', 'content-type': 'application/json' },
        body: JSON.stringify({
          accountId: accounts[i % accounts.length],
          clientOrderId: `${tag}-${i}`,
          symbol: '000001.SZ',
          side: 'BUY',
          quantity: 100,
          priceType: 'LIMIT',
          price: 11.6,
        }),
      });
      await response.text();
      if (response.status !== 201) {
        throw new Error(`POST /v1/orders answered ${response.status}`);
      }
      return performance.now() - started;
    };
    for (let i = 0; i < 100; i += 1) {
      await submit('warm', i);
    }
    // One order at a time: the latency of one submit, not the queueing of many.
    const result = await interleaved(metricsSwitch(metrics), SUBMITS, (variant, i) =>
      submit(variant, i),
    );
    const ms = (xs: number[], p: number) => percentile(xs, p).toFixed(2);
    rows.push(
      ['POST /v1/orders p50 / p99 with', `${ms(result.with, 50)} / ${ms(result.with, 99)} ms`],
      [
        'POST /v1/orders p50 / p99 without',
        `${ms(result.without, 50)} / ${ms(result.without, 99)} ms (${overhead(percentile(result.with, 50), percentile(result.without, 50))} at p50)`,
      ],
    );
    const scrapes: number[] = [];
    for (let i = 0; i < 10; i += 1) {
      const started = performance.now();
      await (await fetch(`${app.httpUrl}/metrics`)).text();
      scrapes.push(performance.now() - started);
      // Past the refresh reuse window, so each scrape reads the bus and books again.
      await new Promise((r) => setTimeout(r, 1_050));
    }
    const series = (await metrics.registry.getMetricsAsJSON()).reduce(
      (n, m) => n + m.values.length,
      0,
    );
    rows.push([
      `GET /metrics on the desk (${formatNumber(series)} series) p50 / max`,
      `${percentile(scrapes, 50).toFixed(2)} / ${Math.max(...scrapes).toFixed(2)} ms`,
    ]);
    return (
      (percentile(result.with, 50) - percentile(result.without, 50)) /
      percentile(result.without, 50)
    );
  } finally {
    await app.close();
    const redis = new Redis(BENCH_REDIS_URL);
    const keys = await redis.keys(`${namespace}:*`);
    if (keys.length > 0) {
      await redis.del(...keys);
    }
    redis.disconnect();
    await db.drop();
  }
}

/** The metric calls one filled order makes across oms, risk and the connector, on their own. */
function perOrder(rows: [string, string][]): void {
  const metrics = new GatewayMetrics({ defaultMetrics: false });
  const toggle = metricsSwitch(metrics);
  const labels = { account: 'BENCH-1', strategy: 'bench' };
  const oneOrder = () => {
    metrics.ordersSubmitted.inc(labels);
    metrics.submitDuration.startTimer()();
    metrics.riskCheckDuration.startTimer()();
    metrics.ordersRouted.inc(labels);
    for (const stage of Object.values(OrderStage)) {
      metrics.flow.stageDuration.observe({ stage }, 0.002);
    }
    metrics.flow.httpRequests.inc({ method: 'POST', route: '/v1/orders', status: '201' });
    metrics.flow.httpDuration.observe({ method: 'POST', route: '/v1/orders' }, 0.002);
    metrics.connector.routeJobs.inc({ connector: 'sim-1', kind: 'PLACE', outcome: 'SENT' });
    for (const type of ['ORDER_ACK', 'ORDER_STATUS', 'TRADE', 'ORDER_STATUS']) {
      metrics.connector.eventsPublished.inc({ connector: 'sim-1', type });
      metrics.eventsIngested.inc({ type, outcome: 'applied' });
    }
    metrics.ordersFilled.inc(labels);
  };
  const time = () => {
    const started = process.hrtime.bigint();
    for (let i = 0; i < MICRO_ORDERS; i += 1) {
      oneOrder();
    }
    return Number(process.hrtime.bigint() - started) / MICRO_ORDERS;
  };
  time();
  toggle.off();
  time();
  const samples = { with: [] as number[], without: [] as number[] };
  for (let round = 0; round < ROUNDS; round += 1) {
    toggle.on();
    samples.with.push(time());
    toggle.off();
    samples.without.push(time());
  }
  toggle.on();
  const ns = (xs: number[]) => percentile(xs, 50);
  rows.push([
    'instrumentation of one filled order (21 metric calls) with / without',
    `${formatNumber(ns(samples.with))} / ${formatNumber(ns(samples.without))} ns (${formatNumber((ns(samples.with) - ns(samples.without)) / 1000, 2)} µs of metrics per order)`,
  ]);
}

export async function run(): Promise<void> {
  const rows: [string, string][] = [];
  perOrder(rows);
  const ingestOverhead = await ingestion(rows);
  const submitOverhead = await submitPath(rows);
  report(
    `with and without metrics interleaved sample by sample: ${formatNumber(INGEST_ORDERS * 8)} events and ${formatNumber(SUBMITS)} sequential submits (desk on Redis) each`,
    rows,
  );
  console.log(
    `  ${verdict('metrics overhead on an ingest batch p50', ingestOverhead < 0.05, overhead(1 + ingestOverhead, 1), '< +5%')}`,
  );
  console.log(
    `  ${verdict('metrics overhead on POST /v1/orders p50', submitOverhead < 0.05, overhead(1 + submitOverhead, 1), '< +5%')}`,
  );
}
