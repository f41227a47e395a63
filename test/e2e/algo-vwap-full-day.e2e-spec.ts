// A full trading day of VWAP on the all-in-one desk, its exchange clock running 300× (the day in
// about 70 s), two parents side by side: one resting at the mid of a moving quote, whose
// unfilled children are cancelled and rolled and whose last bucket crosses, completes within
// lot and limit price and tracks its profile; one far too big for its participation cap ends
// short with every child within the cap.
import { ConnectorRuntime } from '@qmt/connector-miniqmt';
import {
  apiClient,
  eventually,
  fastSimClock,
  startTestDesk,
  type AlgoJson,
  type TestDesk,
} from '@qmt/testkit';

// 300×: slack enough for a loaded 2-core machine to keep each bucket's cancel-and-roll on time.
const SCALE = 300;

interface ChildJson {
  readonly orderId: string;
  readonly clientOrderId: string;
  readonly quantity: number;
  readonly price: number;
  readonly status: string;
  readonly filledQuantity: number;
  readonly parentId: string;
}

type Detail = Record<string, unknown> & { algo: AlgoJson; children: ChildJson[] };

function describeBuckets(algo: AlgoJson | undefined): string {
  return (algo?.buckets ?? [])
    .map(
      (b) =>
        `\n${b.start.slice(11, 19)} target ${b.cumulativeTarget} child ${String(b.childQuantity)} filled ${String(b.filledQuantity)} ${String(b.limitedBy)} cap ${String(b.participationCap)} ${String(b.skipped)} at ${String(b.price)}`,
    )
    .join('');
}

describe('a full-day VWAP on the sim with a fast clock', () => {
  const fast = fastSimClock('09:29:50', SCALE);
  let desk: TestDesk;
  let walk: NodeJS.Timeout | undefined;

  beforeAll(async () => {
    desk = await startTestDesk({
      clock: fast.clock,
      algo: { settleMs: 150, finishRetryMs: 50 },
    });
    // A market: the quote walks a tick at a time between 11.40 and 11.60 (above the parent's
    // 11.55 limit at times, so children are held to it); resting children fill when it comes
    // down to them and the rest roll on. From 14:30 it stays at or below 11.54, and from 14:40
    // it only falls or holds: the last bucket (14:50) prices its child once, at the ask it
    // reads, so a walk that could rise again would leave that child unfilled whenever it
    // arrives at the sim a tick late, as it does on a loaded machine.
    const sim = desk.app.app.get(ConnectorRuntime, { strict: false }).simSessions()[0]?.sim;
    let last = 1150;
    let seed = 7;
    const lateAfternoon = Date.parse(`${fast.day}T14:30:00+08:00`);
    const closing = Date.parse(`${fast.day}T14:40:00+08:00`);
    walk = setInterval(() => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      const now = fast.clock.now().getTime();
      const top = now >= lateAfternoon ? 1154 : 1160;
      const step = ((seed >> 16) % 3) - 1;
      last = Math.min(top, Math.max(1140, last + (now >= closing ? Math.min(step, 0) : step)));
      sim?.setQuote('000001.SZ', last / 100, (last - 1) / 100, (last + 1) / 100);
    }, 40);
    fast.go();
  }, 60_000);

  afterAll(async () => {
    clearInterval(walk);
    await desk?.close();
  });

  async function runDay(body: Record<string, unknown>): Promise<Detail> {
    const alpha = apiClient(desk.app.httpUrl, 'dev-alpha');
    const submitted = await alpha.post('/v1/orders', { accountId: 'SIM-STOCK', ...body });
    expect(submitted.status).toBe(201);
    expect(submitted.body.status).toBe('ROUTED');
    const parentId = String(submitted.body.orderId);
    let seen: Record<string, unknown> = {};
    return eventually(
      async () => {
        const detail = await alpha.get(`/v1/orders/${parentId}`);
        seen = detail.body;
        const algo = detail.body.algo as AlgoJson | undefined;
        const ended = ['ORDER_SUCCEEDED', 'ORDER_PART_CANCEL', 'ORDER_CANCELED'];
        return algo !== undefined &&
          ['COMPLETED', 'EXPIRED'].includes(algo.state) &&
          ended.includes(String(detail.body.status))
          ? (detail.body as Detail)
          : undefined;
      },
      {
        timeoutMs: 150_000,
        intervalMs: 500,
        what: () =>
          `parent ${parentId} to finish (state ${String((seen.algo as AlgoJson | undefined)?.state)}, status ${String(seen.status)})${describeBuckets(seen.algo as AlgoJson | undefined)}`,
      },
    );
  }

  it('completes two parents side by side: one tracking its profile, one held to its cap', async () => {
    const [vwap, capped] = await Promise.all([
      runDay({
        clientOrderId: 'vwap-full-day',
        symbol: '000001.SZ',
        side: 'BUY',
        quantity: 200_000,
        priceType: 'LIMIT',
        price: 11.55,
        algo: { type: 'VWAP', bucketSeconds: 600, maxParticipation: 0.05, urgency: 'NEUTRAL' },
      }),
      runDay({
        clientOrderId: 'vwap-capped',
        symbol: '510300.SH',
        side: 'BUY',
        quantity: 300_000,
        priceType: 'LIMIT',
        price: 4.01,
        algo: { type: 'VWAP', bucketSeconds: 600, maxParticipation: 0.001, urgency: 'AGGRESSIVE' },
      }),
    ]);

    // The resting parent: complete, one child per bucket at most, whole lots, never above 11.55.
    const algo = vwap.algo;
    if (algo.state !== 'COMPLETED') {
      throw new Error(`the resting parent ended ${algo.state}:${describeBuckets(algo)}`);
    }
    expect(vwap.status).toBe('ORDER_SUCCEEDED');
    expect(vwap.filledQuantity).toBe(200_000);
    expect(algo.progress.workingQuantity).toBe(0);
    expect(algo.quality.fillRate).toBe(1);
    const children = vwap.children;
    expect(new Set(children.map((c) => c.clientOrderId)).size).toBe(children.length);
    expect(children.every((c) => c.parentId === vwap.orderId)).toBe(true);
    expect(children.every((c) => c.quantity % 100 === 0 && c.price <= 11.55)).toBe(true);
    expect(children.some((c) => c.price === 11.55)).toBe(true);
    // Some children rested unfilled and were cancelled, their quantity rolled into later buckets.
    expect(children.some((c) => ['ORDER_CANCELED', 'ORDER_PART_CANCEL'].includes(c.status))).toBe(
      true,
    );
    const sent = algo.buckets.filter((b) => (b.childQuantity ?? 0) > 0);
    expect(sent.length).toBe(children.length);
    for (const bucket of sent) {
      expect(bucket.childQuantity).toBeLessThanOrEqual(bucket.participationCap ?? Infinity);
    }
    expect(algo.quality.participation).toBeLessThanOrEqual(0.05);
    expect(algo.quality.trackingError.buckets).toBe(algo.progress.bucketCount);
    expect(algo.quality.trackingError.rms).toBeLessThan(0.08);

    // The capped parent: short at the end, every child within 0.1 % of the volume the market
    // traded in the bucket before (the first: in the same bucket of the previous day).
    const held = capped.algo;
    expect(held.state).toBe('EXPIRED');
    expect(capped.status).toBe('ORDER_PART_CANCEL');
    expect(held.quality.fillRate).toBeLessThan(1);
    expect(held.progress.workingQuantity).toBe(0);
    const cappedSent = held.buckets.filter((b) => (b.childQuantity ?? 0) > 0);
    expect(cappedSent.length).toBe(held.buckets.length);
    for (const bucket of held.buckets) {
      expect(bucket.participationCap).not.toBeNull();
      expect(bucket.childQuantity).toBeLessThanOrEqual(bucket.participationCap ?? 0);
    }
    expect(held.buckets.slice(1).map((b) => b.participationCap)).toEqual(
      held.buckets.slice(0, -1).map((b) => Math.floor(0.001 * (b.marketVolume ?? 0))),
    );
    expect(held.buckets.every((b) => b.limitedBy === 'PARTICIPATION')).toBe(true);
    expect(held.quality.participation).toBeLessThan(0.0012);

    process.stdout.write(
      `full-day VWAP on the sim (${String(algo.progress.bucketCount)} buckets of 10 min, ` +
        `${String(children.length)} children): tracking error max ` +
        `${(algo.quality.trackingError.max * 100).toFixed(2)} %, rms ` +
        `${(algo.quality.trackingError.rms * 100).toFixed(2)} %; slippage ` +
        `${String(algo.quality.slippageBps)} bps; participation ` +
        `${((algo.quality.participation ?? 0) * 100).toFixed(2)} %; capped parent filled ` +
        `${(held.quality.fillRate * 100).toFixed(1)} %${describeBuckets(algo)}\n`,
    );
  }, 180_000);
});
