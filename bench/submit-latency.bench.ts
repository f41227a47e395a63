// Submit-to-ack latency at a steady 1,000 orders/s over HTTP and over gRPC: the time from the
// moment an order is due to be sent (open loop, so queueing counts) to the OMS's answer (the
// order written, checked by risk, queued to its connector). Reference in the same run: a
// GET /health/live round trip at the same rate, the cost of the transport alone.
import { Metadata, credentials, loadPackageDefinition, type ServiceError } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { eventStreamKey, protoPath } from '@qmt/contracts';
import { randomUUID } from 'node:crypto';
import { BENCH_REDIS_URL, createBenchDatabase } from './lib/database.js';
import { deleteKeys } from './lib/redis-keys.js';
import { startDeskProcess, type DeskEndpoints } from './lib/desk-child.js';
import { httpClient } from './lib/http-client.js';
import { formatNumber, percentile, report } from './lib/stats.js';

export const title = 'submit-to-ack latency at 1,000 orders/s over HTTP and gRPC';

const RATE = Number(process.env.BENCH_SUBMIT_RATE ?? 1_000);
const SECONDS = Number(process.env.BENCH_SUBMIT_SECONDS ?? 10);
const WARMUP_SECONDS = 2;
const ACCOUNTS = ['BENCH-1', 'BENCH-2', 'BENCH-3', 'BENCH-4'];

type Submit = (i: number) => Promise<string>;
type HttpClient = ReturnType<typeof httpClient>;

/** A request that has not answered by then counts as an error, so a stall cannot hang the run. */
const REQUEST_TIMEOUT_MS = 10_000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<T>((_, fail) => {
      timer = setTimeout(() => fail(new Error(`no answer in ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

interface Run {
  readonly latencies: number[];
  readonly statuses: Map<string, number>;
  readonly achievedRate: number;
}

/** Sends `rate` requests a second for `seconds`, each timed from its due time to its answer. */
async function openLoop(rate: number, seconds: number, send: Submit): Promise<Run> {
  const total = rate * seconds;
  const latencies: number[] = [];
  const statuses = new Map<string, number>();
  const started = performance.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < total; i += 1) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) {
      await new Promise((r) => setTimeout(r, wait));
    }
    pending.push(
      withTimeout(send(i), REQUEST_TIMEOUT_MS).then(
        (status) => {
          latencies.push(performance.now() - due);
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
        },
        (error: unknown) => {
          statuses.set(
            `error: ${String(error)}`,
            (statuses.get(`error: ${String(error)}`) ?? 0) + 1,
          );
        },
      ),
    );
  }
  await Promise.all(pending);
  return { latencies, statuses, achievedRate: total / ((performance.now() - started) / 1000) };
}

// Quantities and prices vary, so no order is another's duplicate (DUPLICATE_ORDER refuses an
// identical order within its window); all of them stay inside the day's price limits and, in
// continuous trading, inside the price cage (±2% of 11.51: 11.28–11.74), so every order is
// routed whatever the hour.
const order = (tag: string, i: number) => ({
  accountId: ACCOUNTS[i % ACCOUNTS.length]!,
  clientOrderId: `${tag}-${i}`,
  symbol: '000001.SZ',
  side: 'BUY',
  quantity: 100 * (1 + (i % 97)),
  priceType: 'LIMIT',
  price: Number((11.3 + (i % 43) * 0.01).toFixed(2)),
});

function httpSubmit(http: HttpClient, tag: string): Submit {
  return async (i) => {
    const answer = await http.send(
      'POST',
      '/v1/orders',
      { authorization: 'Bearer bench-key' },
      JSON.stringify(order(tag, i)),
    );
    const body = JSON.parse(answer.body) as { status?: string };
    return `${answer.status} ${body.status ?? ''}`;
  };
}

type Unary = (
  request: Record<string, unknown>,
  metadata: Metadata,
  callback: (error: ServiceError | null, response?: { status?: string }) => void,
) => void;

function grpcClient(app: DeskEndpoints) {
  const definition = loadSync(protoPath('gateway.proto'), { keepCase: false, longs: Number });
  const loaded = loadPackageDefinition(definition) as unknown as {
    qmt: {
      gateway: {
        v1: {
          OrderService: new (
            address: string,
            creds: unknown,
          ) => { SubmitOrder: Unary; close(): void };
        };
      };
    };
  };
  return new loaded.qmt.gateway.v1.OrderService(app.grpcUrl, credentials.createInsecure());
}

function grpcSubmit(client: { SubmitOrder: Unary }, tag: string): Submit {
  const metadata = new Metadata();
  metadata.set('authorization', 'Bearer bench-key');
  return (i) =>
    new Promise((done, fail) => {
      client.SubmitOrder(order(tag, i), metadata, (error, response) => {
        if (error !== null) {
          fail(new Error(error.details));
        } else {
          done(`OK ${response?.status ?? ''}`);
        }
      });
    });
}

export async function run(): Promise<void> {
  const db = await createBenchDatabase(4);
  const namespace = `bench${randomUUID().slice(0, 8)}`;
  const app = await startDeskProcess({
    databaseUrl: db.url,
    redisUrl: BENCH_REDIS_URL,
    queueNamespace: namespace,
  });
  const client = grpcClient(app);
  const http = httpClient(app.httpUrl);
  const rows: [string, string][] = [];
  try {
    const health: Submit = async () => String((await http.send('GET', '/health/live')).status);
    const measure = async (name: string, tag: string, send: (tag: string) => Submit) => {
      await openLoop(RATE, WARMUP_SECONDS, send(`${tag}-warm`));
      const result = await openLoop(RATE, SECONDS, send(tag));
      const ms = (p: number) => `${percentile(result.latencies, p).toFixed(1)} ms`;
      rows.push([
        `${name} p50 / p99 / p99.9`,
        `${ms(50)} / ${ms(99)} / ${ms(99.9)} at ${formatNumber(result.achievedRate)}/s (${[...result.statuses].map(([s, n]) => `${s.trim()}: ${formatNumber(n)}`).join(', ')})`,
      ]);
    };
    await measure('GET /health/live (reference)', 'health', () => health);
    await measure('POST /v1/orders', 'http', (tag) => httpSubmit(http, tag));
    await measure('gRPC SubmitOrder', 'grpc', (tag) => grpcSubmit(client, tag));
    report(
      `the desk in its own process (Redis Streams, BullMQ on Redis, risk in process); ${formatNumber(RATE)} requests/s for ${SECONDS} s after ${WARMUP_SECONDS} s of warm-up`,
      rows,
    );
  } finally {
    client.close();
    http.close();
    await app.close();
    await deleteKeys([`${namespace}:*`, ...ACCOUNTS.map((account) => eventStreamKey(account))]);
    await db.drop();
  }
}
