// Fault tests (issue 3, "Done when"): each ends by comparing the gateway's view of every order
// (the connector's events through the OMS's reducer) with the sim broker's own books.
import { XtOrderStatus } from '@qmt/domain';
import { eventually } from '@qmt/testkit';
import { gatewayBook, mismatches } from './gateway-view.js';
import { REF, cancelJob, pipeline, placeJob, route, type Pipeline } from './pipeline.js';

async function settled(p: Pipeline): Promise<void> {
  await eventually(() => (p.service.isReady() ? true : undefined), { timeoutMs: 10_000 });
  // Quiet: nothing queued on the sim's callback thread, everything on the bus.
  await eventually(async () => {
    await p.service.drained();
    return p.sim.pendingCallbacks() === 0 ? true : undefined;
  });
  await p.service.drained();
}

async function expectBooksAgree(p: Pipeline): Promise<void> {
  const orders = await p.sim.queryStockOrders(REF);
  const remarks = orders.map((o) => o.order_remark);
  expect(new Set(remarks).size).toBe(remarks.length);
  const book = gatewayBook(p.publisher.events, (id) => p.quantities.get(id) ?? 0);
  expect(book.illegal).toEqual([]);
  expect(mismatches(book, orders)).toEqual([]);
  const brokerTrades = new Set((await p.sim.queryStockTrades(REF)).map((t) => t.traded_id));
  const heardTrades = new Set(
    p.publisher.events.flatMap((e) => (e.type === 'TRADE' ? [e.payload.tradeId] : [])),
  );
  expect(heardTrades).toEqual(brokerTrades);
}

describe('connector fault tests against the sim broker’s books', () => {
  let p: Pipeline;
  afterEach(async () => {
    await p.close();
  });

  it('a disconnect in the middle of a stream of orders: refused while down, reconciled after', async () => {
    p = await pipeline();
    const jobs = Array.from({ length: 60 }, (_, i) => placeJob(p, i));
    const outcomes = await route(p, jobs, 4, (done) => {
      if (done === 20) {
        p.sim.dropConnection(150);
        // While the session is down the market moves through the resting buys.
        p.sim.setQuote('000001.SZ', 11.44);
      }
    });
    await settled(p);
    const atBroker = new Set((await p.sim.queryStockOrders(REF)).map((o) => o.order_remark));
    const refused = jobs.filter((j) => outcomes.get(j.orderId)?.kind === 'REFUSED');
    expect(refused.length).toBeGreaterThan(0);
    expect(p.service.connectionCount()).toBe(2);
    for (const job of jobs) {
      expect([job.orderId, atBroker.has(job.orderId)]).toEqual([
        job.orderId,
        outcomes.get(job.orderId)?.kind === 'SENT',
      ]);
    }
    await expectBooksAgree(p);
    const rejected = [...gatewayBook(p.publisher.events, () => 100).views].filter(
      ([, v]) => v.state === 'REJECTED',
    );
    expect(rejected.length).toBe(refused.length);
  });

  it('duplicated, reordered and unknown-status callbacks: the same final state', async () => {
    p = await pipeline({ faultSeed: 7 });
    p.sim.setFaults({
      duplicateRate: 0.5,
      tradeBeforeOrder: true,
      orderBeforeAsyncResponse: true,
      unknownStatusRate: 0.2,
    });
    const places = Array.from({ length: 45 }, (_, i) => placeJob(p, i));
    await route(p, places);
    p.sim.setQuote('000001.SZ', 11.46, 11.45, 11.46, 200);
    const resting = places.filter((j) => j.symbol === '000001.SZ');
    await route(p, resting.slice(0, 8).map(cancelJob));
    await settled(p);
    const orders = await p.sim.queryStockOrders(REF);
    expect(
      orders.some(
        (o) =>
          o.order_status === XtOrderStatus.ORDER_PART_CANCEL ||
          o.order_status === XtOrderStatus.ORDER_CANCELED,
      ),
    ).toBe(true);
    await expectBooksAgree(p);
  });

  it('lost async responses and places that answer -1 while live: every order once at the broker', async () => {
    p = await pipeline({ faultSeed: 11 });
    p.sim.setFaults({ lostAsyncResponseRate: 0.5, placeMinusOneRate: 0.3 });
    const jobs = Array.from({ length: 30 }, (_, i) => placeJob(p, i));
    const outcomes = await route(p, jobs);
    // A redelivery of every job (a crashed worker's) places nothing more.
    await route(p, jobs);
    await settled(p);
    expect([...outcomes.values()].every((o) => o.kind === 'SENT')).toBe(true);
    expect(await p.sim.queryStockOrders(REF)).toHaveLength(jobs.length);
    await expectBooksAgree(p);
  });

  it('cancel results that lie both ways: statuses settle every order', async () => {
    p = await pipeline();
    p.sim.setFaults({ cancelLies: true });
    const places = Array.from({ length: 12 }, (_, i) => placeJob(p, 3 * i + 1));
    await route(p, places);
    await route(p, places.map(cancelJob));
    // A cancel of an order already cancelled: the terminal says 0, the counter says no.
    await route(
      p,
      places.slice(0, 3).map((j) => ({ ...cancelJob(j), orderId: j.orderId })),
    );
    await settled(p);
    const orders = await p.sim.queryStockOrders(REF);
    expect(orders.every((o) => o.order_status === XtOrderStatus.ORDER_CANCELED)).toBe(true);
    await expectBooksAgree(p);
  });
});
