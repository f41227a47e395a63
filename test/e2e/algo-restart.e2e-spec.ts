// kill -9 of the risk service in the middle of an algo parent (the distributed deployment: the
// built oms, risk and sim connector as three processes on Postgres and Redis, all on one fast
// sim clock): after the restart every bucket has exactly one slice, no bucket is lost, no
// child is sent twice, and the parent completes to the share.
import {
  apiClient,
  eventually,
  fastSimClock,
  startServices,
  type AlgoJson,
  type RunningServices,
} from '@qmt/testkit';
import pg from 'pg';

const SCALE = 30;
const BUCKETS = 20;
const QUANTITY = 10_000;

interface ChildJson {
  readonly orderId: string;
  readonly clientOrderId: string;
  readonly quantity: number;
  readonly filledQuantity: number;
  readonly status: string;
}

describe('kill -9 of the risk service in the middle of an algo parent', () => {
  // The clock reads 10:00:00 twenty wall seconds from now; the services boot before that.
  const fast = fastSimClock('10:00:00', SCALE);
  let services: RunningServices;

  beforeAll(async () => {
    services = await startServices({ env: fast.env(Date.now() + 20_000) });
  }, 60_000);

  afterAll(async () => {
    await services?.stop();
  });

  it('loses no slice and sends none twice', async () => {
    const { account, suffix } = services;
    const alpha = apiClient(services.urls.oms, 'dev-alpha');
    const submitted = await alpha.post('/v1/orders', {
      accountId: account,
      clientOrderId: `restart-${suffix}`,
      symbol: '000001.SZ',
      side: 'BUY',
      quantity: QUANTITY,
      priceType: 'LIMIT',
      price: 11.55,
      // AGGRESSIVE takes the ask: each bucket's child fills at once, so the schedule is exact.
      algo: {
        type: 'TWAP',
        startTime: '10:00:30',
        durationSeconds: BUCKETS * 60,
        bucketSeconds: 60,
        urgency: 'AGGRESSIVE',
      },
    });
    expect(submitted.status).toBe(201);
    expect(submitted.body.status).toBe('ROUTED');
    const parentId = String(submitted.body.orderId);
    const children = async () =>
      ((await alpha.get(`/v1/orders/${parentId}`)).body.children as ChildJson[] | undefined) ?? [];

    await eventually(async () => ((await children()).length >= 5 ? true : undefined), {
      timeoutMs: 60_000,
      intervalMs: 100,
    });
    await services.kill('risk', 'SIGKILL');
    const atKill = (await children()).length;
    // Two buckets come due while risk is down.
    await new Promise((resolve) => setTimeout(resolve, (2 * 60_000) / SCALE));
    expect((await children()).length).toBe(atKill);
    await services.restart('risk');

    const done = await eventually(
      async () => {
        const detail = (await alpha.get(`/v1/orders/${parentId}`)).body;
        const algo = detail.algo as AlgoJson | undefined;
        return algo?.state === 'COMPLETED' && detail.status === 'ORDER_SUCCEEDED'
          ? detail
          : undefined;
      },
      { timeoutMs: 90_000, intervalMs: 250, what: () => services.output('risk').slice(-3000) },
    );
    const algo = done.algo as AlgoJson;
    const kids = done.children as ChildJson[];
    // No slice lost: every bucket planned once and sent its child; none sent twice.
    expect(algo.progress.bucketCount).toBe(BUCKETS);
    expect(algo.buckets.every((b) => (b.childQuantity ?? 0) > 0 && b.childOrderId !== null)).toBe(
      true,
    );
    expect(kids.length).toBe(BUCKETS);
    expect(new Set(kids.map((c) => c.clientOrderId)).size).toBe(BUCKETS);
    expect(kids.reduce((sum, c) => sum + c.quantity, 0)).toBe(QUANTITY);
    expect(kids.every((c) => c.status === 'ORDER_SUCCEEDED')).toBe(true);
    expect(done.filledQuantity).toBe(QUANTITY);
    // One route job per child reached the broker: one trade each, none extra.
    const client = new pg.Client({ connectionString: services.databaseUrl });
    await client.connect();
    try {
      const trades = await client.query<{ n: string; q: string }>(
        `SELECT count(*)::text AS n, coalesce(sum(t.quantity), 0)::text AS q
           FROM trades t JOIN orders o ON o.order_id = t.order_id WHERE o.parent_id = $1`,
        [parentId],
      );
      expect(trades.rows[0]).toEqual({ n: String(BUCKETS), q: String(QUANTITY) });
      const slices = await client.query<{ n: string }>(
        'SELECT count(*)::text AS n FROM algo_slices WHERE parent_id = $1',
        [parentId],
      );
      expect(slices.rows[0]?.n).toBe(String(BUCKETS));
    } finally {
      await client.end();
    }
  }, 180_000);
});
