import {
  aCreatedEvent,
  aNewOrder,
  createTestDatabase,
  type TestDatabase,
} from '@qmt/persistence/testing';
import { AuditType, tradingDayOf } from '@qmt/domain';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../data-source.js';
import { recordOrderEvents } from './order-events.recorder.js';
import { OrderStore } from './order.store.js';
import type { NewOrder, OrderRecord } from './order-records.js';

const newOrder = (overrides: Partial<NewOrder> = {}): NewOrder =>
  aNewOrder({ orderId: 'Q0000000000000000001', requestHash: 'h1', ...overrides });
const created = (orderId: string) => aCreatedEvent(newOrder({ orderId }));

describe('OrderStore against Postgres', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let store: OrderStore;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = createDataSource({ url: db.url, poolSize: 4 });
    await dataSource.initialize();
    store = new OrderStore(dataSource);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('writes a new order in PENDING_RISK with its CREATED event', async () => {
    const result = await store.insertPending(newOrder(), created('Q0000000000000000001'));
    expect(result.kind).toBe('created');
    const detail = await store.getDetail('Q0000000000000000001');
    expect(detail?.order.view.state).toBe('PENDING_RISK');
    expect(detail?.order.price).toBe(116000);
    expect(detail?.events.map((e) => [e.type, e.stateAfter])).toEqual([
      ['CREATED', 'PENDING_RISK'],
    ]);
  });

  it('answers the existing order for a reused clientOrderId, writing nothing', async () => {
    const again = await store.insertPending(
      newOrder({ orderId: 'Q0000000000000000002', requestHash: 'h2' }),
      created('Q0000000000000000002'),
    );
    expect(again.kind).toBe('existing');
    expect(again.order.orderId).toBe('Q0000000000000000001');
    expect(again.order.requestHash).toBe('h1');
    expect(await store.get('Q0000000000000000002')).toBeNull();
    const rows: { n: string }[] = await dataSource.query(
      'SELECT count(*)::text AS n FROM order_events',
    );
    expect(rows[0]?.n).toBe('1');
  });

  it('appends an event id once and a trade once, whatever the repetition', async () => {
    // The copy arrives later (another timestamp): it still meets the first in its order's partition.
    const event = { ...created('Q0000000000000000001'), eventId: 'tr:SIM-STOCK:T1', type: 'TRADE' };
    const later = { ...event, ts: new Date('2026-11-25T03:00:00Z') };
    const trade = {
      accountId: 'SIM-STOCK',
      tradeId: 'T1',
      orderId: 'Q0000000000000000001',
      strategyId: 'alpha',
      symbol: '000001.SZ',
      side: 'BUY',
      quantity: 100,
      price: 116000,
      amount: 11_600_000n,
      commission: 50_000n,
      tradedAt: new Date('2026-11-24T02:00:01Z'),
    };
    const write = () =>
      store.transaction(async (ledger) =>
        (
          await recordOrderEvents(ledger, [
            { event, change: null, trade },
            { event: later, change: null, trade },
          ])
        ).map((r) => r.outcome),
      );
    expect(await write()).toEqual(['recorded', 'duplicate-event']);
    expect(await write()).toEqual(['duplicate-event', 'duplicate-event']);
    const copies: { n: string }[] = await dataSource.query(
      "SELECT count(*)::text AS n FROM order_events WHERE event_id = 'tr:SIM-STOCK:T1'",
    );
    expect(copies[0]?.n).toBe('1');
    const detail = await store.getDetail('Q0000000000000000001');
    expect(detail?.trades).toHaveLength(1);
    expect(detail?.trades[0]?.amount).toBe(11_600_000n);
  });

  it('records a risk verdict in one statement only on an order as it was written', async () => {
    const write = async (orderId: string, clientOrderId: string) => {
      const order = newOrder({ orderId, clientOrderId });
      const result = await store.insertPending(order, aCreatedEvent(order));
      if (result.kind !== 'created') {
        throw new Error('not created');
      }
      return result.order;
    };
    const verdict = (order: OrderRecord) =>
      store.recordVerdict(
        { updatedAt: order.updatedAt, tradingDay: tradingDayOf(order.createdAt) },
        {
          orderId: order.orderId,
          view: { ...order.view, state: 'ROUTED' },
          updatedAt: new Date('2026-11-24T02:00:00.050Z'),
        },
        {
          eventId: `risk:${order.orderId}`,
          orderId: order.orderId,
          accountId: order.accountId,
          type: 'RISK_APPROVED',
          source: 'risk',
          payload: {},
          ts: new Date('2026-11-24T02:00:00.050Z'),
        },
        {
          entry: {
            type: AuditType.RISK_DECISION,
            actor: 'risk',
            orderId: order.orderId,
            detail: {},
          },
          at: new Date('2026-11-24T02:00:00.050Z'),
        },
      );
    const audited = async (orderId: string) =>
      Number(
        (
          await dataSource.query<{ n: string }[]>(
            'SELECT count(*)::text AS n FROM audit_outbox WHERE order_id = $1',
            [orderId],
          )
        )[0]?.n,
      );

    const fresh = await write('Q0000000000000000V01', 'v1');
    expect(await verdict(fresh)).toBe(true);
    const detail = await store.getDetail(fresh.orderId);
    expect(detail?.order.view.state).toBe('ROUTED');
    expect(detail?.events.map((e) => [e.type, e.outcome, e.stateAfter])).toEqual([
      ['CREATED', 'applied', 'PENDING_RISK'],
      ['RISK_APPROVED', 'applied', 'ROUTED'],
    ]);
    expect(await audited(fresh.orderId)).toBe(1);
    // Asked again (a sweep after a crash): the order moved on, nothing is written.
    expect(await verdict(fresh)).toBe(false);
    expect((await store.getDetail(fresh.orderId))?.events).toHaveLength(2);
    expect(await audited(fresh.orderId)).toBe(1);

    // The broker's ack was ingested before the verdict (the route job goes out first): the
    // order is still PENDING_RISK but not as written, so the statement leaves it alone.
    const acked = await write('Q0000000000000000V02', 'v2');
    await dataSource.query('UPDATE orders SET broker_order_id = 42 WHERE order_id = $1', [
      acked.orderId,
    ]);
    expect(await verdict(acked)).toBe(false);
    const untouched = await store.getDetail(acked.orderId);
    expect(untouched?.order.view.state).toBe('PENDING_RISK');
    expect(untouched?.order.view.brokerOrderId).toBe(42);
    expect(untouched?.events).toHaveLength(1);
    expect(await audited(acked.orderId)).toBe(0);
  });

  it('coalesces concurrent front-door writes and keeps each order to its own outcome', async () => {
    const orders = Array.from({ length: 12 }, (_, i) =>
      newOrder({
        orderId: `Q00000000000000C${String(i).padStart(3, '0')}`,
        // Orders 10 and 11 reuse order 9's clientOrderId inside the same batch.
        clientOrderId: `cc-${Math.min(i, 9)}`,
        requestHash: `hc${i}`,
      }),
    );
    const results = await Promise.all(orders.map((o) => store.insertPending(o, aCreatedEvent(o))));
    expect(results.map((r) => r.kind)).toEqual([
      ...Array<string>(10).fill('created'),
      'existing',
      'existing',
    ]);
    expect(results[11]?.order.orderId).toBe('Q00000000000000C009');
    const txs: { tx: string }[] = await dataSource.query(
      `SELECT xmin::text AS tx FROM orders WHERE order_id LIKE 'Q00000000000000C%' ORDER BY order_id`,
    );
    // The first went out alone; the rest, queued behind it, shared one statement.
    expect(txs).toHaveLength(10);
    expect(new Set(txs.map((t) => t.tx)).size).toBe(2);

    const at = new Date('2026-11-24T02:00:00.050Z');
    const verdict = (order: OrderRecord) =>
      store.recordVerdict(
        { updatedAt: order.updatedAt, tradingDay: tradingDayOf(order.createdAt) },
        { orderId: order.orderId, view: { ...order.view, state: 'ROUTED' }, updatedAt: at },
        {
          eventId: `risk:${order.orderId}`,
          orderId: order.orderId,
          accountId: order.accountId,
          type: 'RISK_APPROVED',
          source: 'risk',
          payload: { n: 1 },
          ts: at,
        },
        {
          entry: {
            type: AuditType.RISK_DECISION,
            actor: 'risk',
            orderId: order.orderId,
            detail: {},
          },
          at,
        },
      );
    const written = results.slice(0, 10).map((r) => r.order);
    // Order 3 has been acked meanwhile; order 5 gets two verdicts in the same batch.
    await dataSource.query('UPDATE orders SET broker_order_id = 7 WHERE order_id = $1', [
      written[3]?.orderId,
    ]);
    const applied = await Promise.all([
      ...written.map((o) => verdict(o)),
      verdict(written[5] as OrderRecord),
    ]);
    expect(applied).toEqual([true, true, true, false, true, true, true, true, true, true, false]);
    const rows: { order_id: string; status: string; events: string; audits: string }[] =
      await dataSource.query(
        `SELECT o.order_id, o.status,
                (SELECT count(*) FROM order_events e WHERE e.order_id = o.order_id)::text AS events,
                (SELECT count(*) FROM audit_outbox a WHERE a.order_id = o.order_id)::text AS audits
           FROM orders o WHERE o.order_id LIKE 'Q00000000000000C%' ORDER BY o.order_id`,
      );
    expect(rows.map((r) => [r.status, r.events, r.audits])).toEqual(
      written.map((_, i) => (i === 3 ? ['PENDING_RISK', '1', '0'] : ['ROUTED', '2', '1'])),
    );
  });

  it('rolls a failed transaction back whole', async () => {
    await expect(
      store.transaction(async (ledger) => {
        const event = { ...created('Q0000000000000000001'), eventId: 'x:1' };
        await ledger.insertEvents([
          { ...event, tradingDay: '2026-11-24', outcome: 'recorded', stateAfter: null },
        ]);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const rows: { n: string }[] = await dataSource.query(
      "SELECT count(*)::text AS n FROM order_events WHERE event_id = 'x:1'",
    );
    expect(rows[0]?.n).toBe('0');
  });

  it('keeps order_events partitioned by day: a day without a partition lands in the default one and moves out when its partition is made', async () => {
    const far = new Date(Date.now() + 90 * 86_400_000);
    const day = tradingDayOf(far);
    // An account-level event (no order): it goes by its own timestamp.
    const event = { ...created('Q0000000000000000001'), orderId: null, eventId: 'far:1', ts: far };
    await store.transaction((ledger) => recordOrderEvents(ledger, [{ event, change: null }]));
    const where = () =>
      dataSource.query<{ partition: string }[]>(
        "SELECT tableoid::regclass::text AS partition FROM order_events WHERE event_id = 'far:1'",
      );
    expect(await where()).toEqual([{ partition: 'order_events_default' }]);
    expect(await store.ensureEventPartitions(day, day)).toBe(1);
    expect(await where()).toEqual([{ partition: `order_events_p${day.replaceAll('-', '')}` }]);
    // Made once: a second call (another OMS instance) changes nothing.
    expect(await store.ensureEventPartitions(day, day)).toBe(0);
    const partitions: { n: string }[] = await dataSource.query(
      `SELECT count(*)::text AS n FROM pg_inherits
        WHERE inhparent = 'order_events'::regclass`,
    );
    // Default, a week back, today and a month ahead, and the far day.
    expect(Number(partitions[0]?.n)).toBeGreaterThanOrEqual(1 + 38 + 1);
  });

  it('shows an algo parent with its children, oldest first', async () => {
    const parent = newOrder({ orderId: 'QPARENT000000000001', clientOrderId: 'parent' });
    await store.insertPending(parent, created(parent.orderId));
    for (const [i, minute] of [
      [2, '02:05'],
      [1, '02:01'],
    ] as const) {
      const child = newOrder({
        orderId: `QCHILD00000000000${i}`,
        clientOrderId: `parent-${i}`,
        parentId: parent.orderId,
        createdAt: new Date(`2026-11-24T${minute}:00Z`),
      });
      await store.insertPending(child, created(child.orderId));
    }
    const detail = await store.getDetail(parent.orderId);
    expect(detail?.children.map((c) => [c.orderId, c.parentId])).toEqual([
      ['QCHILD000000000001', parent.orderId],
      ['QCHILD000000000002', parent.orderId],
    ]);
    expect((await store.getDetail('QCHILD000000000001'))?.children).toEqual([]);
  });
});
