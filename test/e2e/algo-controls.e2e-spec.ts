// An algo parent's front door and controls on the desk (sim clock at 30×): a bad `algo` body is
// a 400 naming the field with nothing written; pause cancels the working child and skips
// buckets, resume sends again, and cancelling the parent leaves no working child and no new one.
import pg from 'pg';
import { AlgoEngine } from '@qmt/risk';
import {
  apiClient,
  eventually,
  fastSimClock,
  startTestDesk,
  type AlgoJson,
  type TestDesk,
} from '@qmt/testkit';

interface ChildJson {
  readonly orderId: string;
  readonly status: string;
  readonly quantity: number;
}

type Detail = Record<string, unknown> & { algo: AlgoJson; children?: ChildJson[] };

const OPEN = new Set([
  'PENDING_RISK',
  'ROUTED',
  'ORDER_UNREPORTED',
  'ORDER_WAIT_REPORTING',
  'ORDER_REPORTED',
  'ORDER_REPORTED_CANCEL',
  'ORDER_PARTSUCC_CANCEL',
  'ORDER_PART_SUCC',
  'ORDER_UNKNOWN',
]);

const parentBody = (clientOrderId: string, algo: Record<string, unknown> = {}) => ({
  accountId: 'SIM-STOCK',
  clientOrderId,
  symbol: '000001.SZ',
  side: 'BUY',
  quantity: 10_000,
  priceType: 'LIMIT',
  price: 11.55,
  // PASSIVE and NEUTRAL rest (bid, mid) on the sim's still quote: children work until cancelled.
  algo: { type: 'TWAP', bucketSeconds: 60, durationSeconds: 3600, urgency: 'PASSIVE', ...algo },
});

describe('an algo parent at the front door and under control', () => {
  const fast = fastSimClock('10:00:00', 30);
  let desk: TestDesk;
  let alpha: ReturnType<typeof apiClient>;

  beforeAll(async () => {
    desk = await startTestDesk({ clock: fast.clock, algo: { settleMs: 300, finishRetryMs: 50 } });
    alpha = apiClient(desk.app.httpUrl, 'dev-alpha');
    fast.go();
  }, 60_000);

  afterAll(async () => {
    await desk?.close();
  });

  async function orderRows(clientOrderId: string): Promise<number> {
    const client = new pg.Client({ connectionString: desk.db.url });
    await client.connect();
    try {
      const result = await client.query<{ n: string }>(
        'SELECT count(*)::text AS n FROM orders WHERE client_order_id = $1',
        [clientOrderId],
      );
      return Number(result.rows[0]?.n);
    } finally {
      await client.end();
    }
  }

  const detail = async (orderId: string): Promise<Detail> =>
    (await alpha.get(`/v1/orders/${orderId}`)).body as Detail;

  it.each<[string, Record<string, unknown>, Record<string, unknown>, string]>([
    [
      'a window in the lunch break',
      { startTime: '11:35', endTime: '12:50', durationSeconds: undefined },
      {},
      'algo.startTime',
    ],
    [
      'an end before the start',
      { startTime: '13:30', endTime: '13:00', durationSeconds: undefined },
      {},
      'algo.endTime',
    ],
    ['a window shorter than one slice', { durationSeconds: 30 }, {}, 'algo.durationSeconds'],
    ['both an end and a duration', { endTime: '14:00' }, {}, 'algo.durationSeconds'],
    ['an unreadable start', { startTime: '25:00' }, {}, 'algo.startTime'],
    ['participation above 1', { maxParticipation: 1.5 }, {}, 'algo.maxParticipation'],
    ['a limit off the tick', { limitPrice: 11.555 }, {}, 'algo.limitPrice'],
    ['an unknown urgency', { urgency: 'FAST' }, {}, 'algo.urgency'],
    ['an unknown algo', { type: 'POV' }, {}, 'algo.type'],
    ['a buy that is not whole lots', {}, { quantity: 10_050 }, 'quantity'],
    ['a credit order type', {}, { side: undefined, orderType: 27 }, 'orderType'],
  ])('%s is a 400 naming %s, nothing written', async (name, algo, order, field) => {
    const clientOrderId = `bad-algo-${name.replaceAll(' ', '-')}`;
    const body: Record<string, unknown> = { ...parentBody(clientOrderId, algo), ...order };
    for (const [key, value] of Object.entries(order)) {
      if (value === undefined) {
        delete body[key];
      }
    }
    const response = await alpha.post('/v1/orders', body);
    expect(response.status).toBe(400);
    const error = response.body.error as { fields: { path: string; message: string }[] };
    expect(error.fields.map((f) => f.path)).toContain(field);
    expect(await orderRows(clientOrderId)).toBe(0);
  });

  it('accepts a window of exactly one slice', async () => {
    const response = await alpha.post(
      '/v1/orders',
      parentBody('one-slice', { durationSeconds: 60, urgency: 'AGGRESSIVE' }),
    );
    expect(response.status).toBe(201);
    expect(response.body.status).toBe('ROUTED');
    const done = await eventually(async () => {
      const d = await detail(String(response.body.orderId));
      return d.algo.state === 'COMPLETED' && d.status === 'ORDER_SUCCEEDED' ? d : undefined;
    });
    expect(done.algo.progress.bucketCount).toBe(1);
    expect(done.filledQuantity).toBe(10_000);
  });

  it('pauses (children cancelled, buckets skipped), resumes, and cancels leaving nothing working', async () => {
    const submitted = await alpha.post(
      '/v1/orders',
      parentBody('controlled', { urgency: 'NEUTRAL' }),
    );
    expect(submitted.status).toBe(201);
    const parentId = String(submitted.body.orderId);
    const working = (d: Detail) => (d.children ?? []).filter((c) => OPEN.has(c.status));
    await eventually(async () => {
      const d = await detail(parentId);
      return (d.children ?? []).some((c) => c.status === 'ORDER_REPORTED') ? d : undefined;
    });

    const paused = await alpha.post(`/v1/orders/${parentId}/pause`);
    expect(paused.status).toBe(202);
    const whilePaused = await eventually(async () => {
      const d = await detail(parentId);
      const skipped = d.algo.buckets.filter((b) => b.skipped === 'PAUSED').length;
      return d.algo.state === 'PAUSED' && working(d).length === 0 && skipped >= 2 ? d : undefined;
    });
    const childrenWhilePaused = whilePaused.children?.length ?? 0;

    const resumed = await alpha.post(`/v1/orders/${parentId}/resume`);
    expect(resumed.status).toBe(202);
    const afterResume = await eventually(async () => {
      const d = await detail(parentId);
      return d.algo.state === 'WORKING' && working(d).length === 1 ? d : undefined;
    });
    expect(afterResume.children?.length).toBe(childrenWhilePaused + 1);
    // The skipped buckets' quantity is caught up (NEUTRAL: at least half of the backlog at once),
    // so the new child is bigger than one bucket's share.
    expect(working(afterResume)[0]?.quantity).toBeGreaterThan(10_000 / 60);

    const cancelled = await alpha.post(`/v1/orders/${parentId}/cancel`);
    expect(cancelled.status).toBe(202);
    const ended = await eventually(async () => {
      const d = await detail(parentId);
      return d.algo.state === 'CANCELLED' && d.status === 'ORDER_CANCELED' ? d : undefined;
    });
    expect(working(ended)).toEqual([]);
    expect(ended.algo.progress.workingQuantity).toBe(0);
    expect(ended.algo.control).toBe('CANCEL_REQUESTED');
    // Buckets keep coming due after the cancel; none of them sends a child.
    const childCount = ended.children?.length ?? 0;
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const later = await detail(parentId);
    expect(later.children?.length).toBe(childCount);
    expect(later.status).toBe('ORDER_CANCELED');

    // A finished parent cannot be paused again; a plain order is not a parent.
    expect((await alpha.post(`/v1/orders/${parentId}/pause`)).status).toBe(409);
    expect((await alpha.post(`/v1/orders/${parentId}/cancel`)).status).toBe(409);
    const child = ended.children?.[0]?.orderId ?? '';
    const notParent = await alpha.post(`/v1/orders/${child}/pause`);
    expect(notParent.status).toBe(409);
    expect((notParent.body.error as { code: string }).code).toBe('NOT_AN_ALGO_PARENT');
  }, 60_000);

  it('a bucket job replayed after a crash (child made, cursor not moved) sends nothing new', async () => {
    const submitted = await alpha.post(
      '/v1/orders',
      parentBody('replayed', { durationSeconds: 180, urgency: 'AGGRESSIVE' }),
    );
    const parentId = String(submitted.body.orderId);
    const done = await eventually(async () => {
      const d = await detail(parentId);
      return d.algo.state === 'COMPLETED' && d.status === 'ORDER_SUCCEEDED' ? d : undefined;
    });
    expect(done.children?.length).toBe(3);
    const client = new pg.Client({ connectionString: desk.db.url });
    await client.connect();
    try {
      await client.query(
        'UPDATE algo_orders SET next_bucket = 1, finished_at = NULL WHERE parent_id = $1',
        [parentId],
      );
      const engine = desk.app.app.get(AlgoEngine, { strict: false });
      const bucket = { kind: 'BUCKET', accountId: 'SIM-STOCK', parentId, bucket: 1 } as const;
      await Promise.all([engine.handle(bucket), engine.handle(bucket)]);
      await engine.handle({ kind: 'FINISH', accountId: 'SIM-STOCK', parentId, attempt: 0 });
      const after = await detail(parentId);
      expect(after.children?.map((c) => c.orderId)).toEqual(done.children?.map((c) => c.orderId));
      expect(after.filledQuantity).toBe(10_000);
      const rows = await client.query<{ slices: string; finished: boolean }>(
        `SELECT (SELECT count(*)::text FROM algo_slices WHERE parent_id = $1) AS slices,
                (SELECT finished_at IS NOT NULL FROM algo_orders WHERE parent_id = $1) AS finished`,
        [parentId],
      );
      expect(rows.rows[0]).toEqual({ slices: '3', finished: true });
    } finally {
      await client.end();
    }
  });

  it('answers 401 without a key and 403 for the auditor', async () => {
    expect((await apiClient(desk.app.httpUrl).post('/v1/orders/x/pause')).status).toBe(401);
    const auditor = apiClient(desk.app.httpUrl, 'dev-audit');
    expect((await auditor.post('/v1/orders/x/resume')).status).toBe(403);
  });
});
