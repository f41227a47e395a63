// Ingestion against the real Postgres: each event is persisted once, duplicates and replays
// change nothing, a trade before its status still counts, a malformed entry is dead-lettered.
import { loadDeskConfig, type GatewayEvent } from '@qmt/contracts';
import { aTrade, anOrderStatus, type EventOrder } from '@qmt/contracts/fixtures';
import { EventConsumer, InMemoryDeadLetterSink, type DeliveredEvent } from '@qmt/messaging';
import { GatewayMetrics, createLogger } from '@qmt/observability';
import { AuditLog, OrderStore, createDataSource } from '@qmt/persistence';
import {
  aCreatedEvent,
  aNewOrder,
  createTestDatabase,
  type TestDatabase,
} from '@qmt/persistence/testing';
import { AuditTrail, DeskDirectory } from '@qmt/runtime';
import { resolve } from 'node:path';
import type { DataSource } from 'typeorm';
import { ConnectorStatusBoard } from './connector-status.board.js';
import { OrderEventsConsumer } from './order-events.consumer.js';

class IdleConsumer extends EventConsumer {
  consume(): Promise<void> {
    return Promise.resolve();
  }
  stop(): Promise<void> {
    return Promise.resolve();
  }
}

const ORDER_ID = 'QM85WQ21KQNBND7MMYT';
const ts = '2026-11-24T02:00:00.000Z';
const order: EventOrder = {
  orderId: ORDER_ID,
  accountId: 'SIM-STOCK',
  strategyId: 'alpha',
  symbol: '000001.SZ',
  quantity: 100,
  price: 115100,
};
const status = (xtStatus: number, filled: number) => anOrderStatus(order, xtStatus, filled, ts);
const trade = aTrade(order, 'T1', 100, ts);

let entry = 0;
const delivered = (event: GatewayEvent): DeliveredEvent => ({
  entryId: `${++entry}-0`,
  accountId: event.accountId,
  ok: true,
  event,
});

describe('OrderEventsConsumer against Postgres', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let store: OrderStore;
  let consumer: OrderEventsConsumer;
  const metrics = new GatewayMetrics({ defaultMetrics: false });
  /** qmt_oms_events_ingested_total by "type/outcome". */
  const ingestedCounts = async () =>
    Object.fromEntries(
      (await metrics.eventsIngested.get()).values.map((v) => [
        `${String(v.labels.type)}/${String(v.labels.outcome)}`,
        v.value,
      ]),
    );

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = createDataSource({ url: db.url, poolSize: 2 });
    await dataSource.initialize();
    store = new OrderStore(dataSource);
    const desk = new DeskDirectory(
      loadDeskConfig(resolve(import.meta.dirname, '../../../../config/desk.yaml')),
    );
    consumer = new OrderEventsConsumer(
      new IdleConsumer(),
      new InMemoryDeadLetterSink(),
      store,
      desk,
      new ConnectorStatusBoard(),
      metrics,
      new AuditTrail(new AuditLog(dataSource), () => new Date()),
      createLogger('silent'),
    );
    const pending = aNewOrder({ orderId: ORDER_ID, createdAt: new Date(ts) });
    await store.insertPending(pending, aCreatedEvent(pending));
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  type Rows = Record<string, unknown>[];
  async function snapshot() {
    const [orders, events, trades, dead] = await Promise.all([
      dataSource.query<Rows>(
        'SELECT status, filled_quantity, avg_fill_price, broker_sys_id FROM orders ORDER BY order_id',
      ),
      dataSource.query<Rows>(
        'SELECT event_id, outcome, state_after FROM order_events ORDER BY seq',
      ),
      dataSource.query<Rows>('SELECT trade_id, quantity, price, amount FROM trades ORDER BY seq'),
      dataSource.query<Rows>('SELECT reason, raw FROM event_dead_letters ORDER BY seq'),
    ]);
    return { orders, events, trades, dead };
  }

  it('applies a trade that arrives before its statuses, keeps duplicates out, and survives a replay', async () => {
    // Reordered and duplicated, as miniQMT may push them (xtquant-api §5.6, §5.15).
    const stream = [trade, status(50, 0), trade, status(56, 100), status(48, 0), status(56, 100)];
    await consumer.ingest(stream.map(delivered));
    const first = await snapshot();
    expect(first.orders).toEqual([
      {
        status: 'ORDER_SUCCEEDED',
        filled_quantity: '100',
        avg_fill_price: '115100',
        broker_sys_id: 'S42',
      },
    ]);
    expect(first.trades).toEqual([
      { trade_id: 'T1', quantity: '100', price: '115100', amount: '11510000' },
    ]);
    expect(first.events.map((e) => e.event_id)).toEqual([
      `created:${ORDER_ID}`,
      'tr:SIM-STOCK:T1',
      `st:SIM-STOCK:${ORDER_ID}:50:0`,
      `st:SIM-STOCK:${ORDER_ID}:56:100`,
      `st:SIM-STOCK:${ORDER_ID}:48:0`,
    ]);
    expect(first.events.map((e) => e.outcome)).toEqual([
      'applied',
      'applied',
      // The full fill already made the order terminal; the broker's reports arrive late.
      'ignored:TERMINAL',
      'applied',
      'ignored:TERMINAL',
    ]);

    // The whole stream delivered again (a consumer crashed after commit, before XACK).
    await consumer.ingest(stream.map(delivered));
    expect(await snapshot()).toEqual(first);
  });

  it('redoes a batch that is partly a replay: the new events are stored once and applied', async () => {
    const second: EventOrder = { ...order, orderId: 'QM85WQ21KQNBND7MMZ2', quantity: 200 };
    const pending = aNewOrder({
      orderId: second.orderId,
      clientOrderId: 'c-2',
      quantity: 200,
      createdAt: new Date(ts),
    });
    await store.insertPending(pending, aCreatedEvent(pending));
    const first = aTrade(second, 'T2A', 100, ts);
    await consumer.ingest([anOrderStatus(second, 50, 0, ts), first].map(delivered));
    // Redelivered with new events behind it: the first pass meets the copy of T2A, so the
    // batch is decided again without it, and the first pass's rows must not linger.
    const countsBefore = await ingestedCounts();
    await consumer.ingest(
      [first, aTrade(second, 'T2B', 100, ts), anOrderStatus(second, 56, 200, ts)].map(delivered),
    );
    const [row] = await dataSource.query<Rows>(
      'SELECT status, filled_quantity FROM orders WHERE order_id = $1',
      [second.orderId],
    );
    expect(row).toEqual({ status: 'ORDER_SUCCEEDED', filled_quantity: '200' });
    const events = await dataSource.query<Rows>(
      'SELECT event_id, outcome FROM order_events WHERE order_id = $1 ORDER BY seq',
      [second.orderId],
    );
    expect(events).toEqual([
      { event_id: `created:${second.orderId}`, outcome: 'applied' },
      { event_id: `st:SIM-STOCK:${second.orderId}:50:0`, outcome: 'applied' },
      { event_id: 'tr:SIM-STOCK:T2A', outcome: 'applied' },
      { event_id: 'tr:SIM-STOCK:T2B', outcome: 'applied' },
      { event_id: `st:SIM-STOCK:${second.orderId}:56:200`, outcome: 'applied' },
    ]);
    const trades = await dataSource.query<Rows>(
      'SELECT trade_id, quantity FROM trades WHERE order_id = $1 ORDER BY seq',
      [second.orderId],
    );
    expect(trades).toEqual([
      { trade_id: 'T2A', quantity: '100' },
      { trade_id: 'T2B', quantity: '100' },
    ]);
    // Counted by type and outcome, once per event of the batch.
    const countsAfter = await ingestedCounts();
    const added = (key: string) => (countsAfter[key] ?? 0) - (countsBefore[key] ?? 0);
    expect(added('TRADE/duplicate-event')).toBe(1);
    expect(added('TRADE/applied')).toBe(1);
    expect(added('ORDER_STATUS/applied')).toBe(1);
  });

  it('dead-letters a malformed entry and still applies the rest of the batch', async () => {
    await consumer.ingest([
      {
        entryId: '99-0',
        accountId: 'SIM-STOCK',
        ok: false,
        error: 'type: Invalid input',
        raw: '{"type":"NOPE"}',
      },
      delivered({ ...status(56, 100), eventId: 'st:other', orderId: 'QZZZZZZZZZZZZZZZZZZ' }),
    ]);
    const after = await snapshot();
    expect(after.dead).toEqual([{ reason: 'type: Invalid input', raw: '{"type":"NOPE"}' }]);
    expect(after.events.at(-1)).toMatchObject({ event_id: 'st:other', outcome: 'no-order' });
  });
});
