import { jest } from '@jest/globals';
import type { CancelOrderJob, GatewayEvent, PlaceOrderJob } from '@qmt/contracts';
import { EventPublisher } from '@qmt/messaging';
import { eventually } from '@qmt/testkit';
import { SimMiniQmt } from '../sim/sim-mini-qmt.js';
import { RateLimiter } from '../session/rate-limiter.js';
import { RemarkIndex } from './remark-index.js';
import { RouteWorker, type RouteWorkerDeps } from './route.worker.js';

class RecordingPublisher extends EventPublisher {
  readonly events: GatewayEvent[] = [];
  publish(event: GatewayEvent): Promise<string> {
    this.events.push(event);
    return Promise.resolve(String(this.events.length));
  }
}

const NOW = new Date('2026-11-24T02:00:00Z');
const REF = { account_id: '888', account_type: 2 };

function setup(lookup: Partial<RouteWorkerDeps> = {}) {
  const sim = new SimMiniQmt({
    accounts: [{ accountId: '888', accountType: 2, cash: 1_000_000, positions: [] }],
    instruments: [{ symbol: '000001.SZ', name: '平安银行', preClose: 11.5, tickSize: 0.01 }],
    idBase: 1,
    now: () => NOW,
  });
  const publisher = new RecordingPublisher();
  const worker = new RouteWorker({
    connectorId: 'sim-1',
    session: sim,
    publisher,
    now: () => NOW,
    accountRefOf: (id) => (id === 'SIM-STOCK' ? REF : undefined),
    ...lookup,
  });
  return { sim, publisher, worker };
}

function job(overrides: Partial<PlaceOrderJob> = {}): PlaceOrderJob {
  return {
    kind: 'PLACE',
    orderId: 'QM85WQ21KQNBND7MMYT',
    accountId: 'SIM-STOCK',
    strategyId: 'alpha',
    symbol: '000001.SZ',
    orderType: 23,
    priceType: 11,
    price: 116000,
    quantity: 100,
    remark: 'QM85WQ21KQNBND7MMYT',
    enqueuedAt: NOW.toISOString(),
    expiresAt: new Date(NOW.getTime() + 30_000).toISOString(),
    ...overrides,
  };
}

describe('RouteWorker', () => {
  it('places exactly one order for a fresh job, at the job price in yuan', async () => {
    const { sim, worker } = setup();
    await sim.connect();
    expect(await worker.handle(job())).toEqual({ kind: 'SENT' });
    const orders = await sim.queryStockOrders(REF);
    expect(orders).toHaveLength(1);
    expect(orders[0]).toMatchObject({
      order_remark: 'QM85WQ21KQNBND7MMYT',
      price: 11.6,
      order_volume: 100,
    });
  });

  it('never places twice: a redelivered job finds its remark at the broker', async () => {
    const { sim, worker } = setup();
    await sim.connect();
    await worker.handle(job());
    const again = await worker.handle(job());
    expect(again.kind).toBe('SENT');
    await eventually(async () =>
      (await sim.queryStockOrders(REF)).length === 1 ? true : undefined,
    );
    expect(await sim.queryStockOrders(REF)).toHaveLength(1);
  });

  it('refuses an expired job with ROUTE_REFUSED and sends nothing', async () => {
    const { sim, publisher, worker } = setup();
    await sim.connect();
    const outcome = await worker.handle(
      job({ expiresAt: new Date(NOW.getTime() - 1).toISOString() }),
    );
    expect(outcome.kind).toBe('REFUSED');
    expect(await sim.queryStockOrders(REF)).toEqual([]);
    expect(publisher.events).toMatchObject([
      {
        type: 'ROUTE_REFUSED',
        orderId: 'QM85WQ21KQNBND7MMYT',
        payload: { jobKind: 'PLACE', rule: 'CONNECTOR_UNAVAILABLE' },
      },
    ]);
  });

  it('waits for its own place job when a cancel is taken first, then cancels', async () => {
    const { sim, worker } = setup();
    await sim.connect();
    const cancel: CancelOrderJob = {
      kind: 'CANCEL',
      orderId: 'QM85WQ21KQNBND7MMYT',
      accountId: 'SIM-STOCK',
      strategyId: 'alpha',
      remark: 'QM85WQ21KQNBND7MMYT',
      enqueuedAt: NOW.toISOString(),
      expiresAt: new Date(NOW.getTime() + 30_000).toISOString(),
    };
    // A resting order (below the ask), placed while the cancel is already looking for it.
    const [cancelled] = await Promise.all([
      worker.handle(cancel),
      new Promise((resolve) => setTimeout(resolve, 150)).then(() =>
        worker.handle(job({ price: 114000 })),
      ),
    ]);
    expect(cancelled.kind).toBe('SENT');
    await eventually(async () => {
      const [order] = await sim.queryStockOrders(REF);
      return order?.order_status === 54 ? true : undefined;
    });
  });

  it('refuses a cancel of an order the broker never got', async () => {
    const { sim, publisher, worker } = setup({ lookupAttempts: 2, lookupDelayMs: 10 });
    await sim.connect();
    const outcome = await worker.handle({
      kind: 'CANCEL',
      orderId: 'QM85WQ21KQNBND7MMYT',
      accountId: 'SIM-STOCK',
      strategyId: 'alpha',
      remark: 'QM85WQ21KQNBND7MMYT',
      enqueuedAt: NOW.toISOString(),
      expiresAt: new Date(NOW.getTime() + 30_000).toISOString(),
    });
    expect(outcome.kind).toBe('REFUSED');
    expect(publisher.events[0]).toMatchObject({
      type: 'ROUTE_REFUSED',
      payload: { jobKind: 'CANCEL' },
    });
  });

  it('refuses while the session is down', async () => {
    const { sim, publisher, worker } = setup();
    expect((await worker.handle(job())).kind).toBe('REFUSED');
    await sim.connect();
    expect(await sim.queryStockOrders(REF)).toEqual([]);
    expect(publisher.events[0]?.type).toBe('ROUTE_REFUSED');
  });

  it('settles a place that answered -1 by the remark: the live order is SENT, never re-placed', async () => {
    const { sim, publisher, worker } = setup({ lookupAttempts: 2, lookupDelayMs: 5 });
    await sim.connect();
    sim.setFaults({ placeMinusOneRate: 1 });
    const outcome = await worker.handle(job());
    const orders = await sim.queryStockOrders(REF);
    expect(orders).toHaveLength(1);
    expect(outcome).toEqual({ kind: 'SENT', brokerOrderId: orders[0]?.order_id });
    expect(publisher.events).toEqual([]);
  });

  it('skips the broker query for a job taken after the last reconcile, and never places a known remark', async () => {
    const remarks = new RemarkIndex();
    const { sim, worker } = setup({ remarks, reconciledAt: () => NOW.getTime() - 10_000 });
    await sim.connect();
    const query = jest.spyOn(sim, 'queryStockOrders');
    expect(await worker.handle(job())).toEqual({ kind: 'SENT' });
    expect(query).not.toHaveBeenCalled();
    expect(await worker.handle(job())).toEqual({ kind: 'SENT' });
    expect(await sim.queryStockOrders(REF)).toHaveLength(1);
  });

  it('looks a job older than the last reconcile up at the broker', async () => {
    const remarks = new RemarkIndex();
    const { sim, worker } = setup({ remarks, reconciledAt: () => NOW.getTime() });
    await sim.connect();
    // Placed by a process that died before it heard of the order.
    await sim.orderStockAsync(REF, '000001.SZ', 23, 100, 11, 11.6, 'alpha', 'QM85WQ21KQNBND7MMYT');
    const outcome = await worker.handle(
      job({ enqueuedAt: new Date(NOW.getTime() - 60_000).toISOString() }),
    );
    expect(outcome).toMatchObject({ kind: 'SENT', brokerOrderId: expect.any(Number) as number });
    expect(await sim.queryStockOrders(REF)).toHaveLength(1);
  });

  it('refuses a job that expires while it waits for the rate limit', async () => {
    let now = NOW.getTime();
    const limiter = new RateLimiter(
      1,
      1,
      () => now,
      (ms) => {
        now += ms;
        return Promise.resolve();
      },
    );
    const { sim, worker } = setup({ limiter, now: () => new Date(now) });
    await sim.connect();
    expect((await worker.handle(job())).kind).toBe('SENT');
    const second = await worker.handle(
      job({
        orderId: 'QM85WQ21KQNBND7MMYU',
        remark: 'QM85WQ21KQNBND7MMYU',
        expiresAt: new Date(now + 500).toISOString(),
      }),
    );
    expect(second.kind).toBe('REFUSED');
    expect(await sim.queryStockOrders(REF)).toHaveLength(1);
  });

  it('answers SENT for an expired job redelivered after a crash when its order is at the broker', async () => {
    const { sim, publisher, worker } = setup();
    await sim.connect();
    await sim.orderStockAsync(REF, '000001.SZ', 23, 100, 11, 11.6, 'alpha', 'QM85WQ21KQNBND7MMYT');
    const outcome = await worker.handle(
      job({ expiresAt: new Date(NOW.getTime() - 1).toISOString() }),
    );
    expect(outcome).toMatchObject({ kind: 'SENT' });
    expect(publisher.events).toEqual([]);
    expect(await sim.queryStockOrders(REF)).toHaveLength(1);
  });
});
