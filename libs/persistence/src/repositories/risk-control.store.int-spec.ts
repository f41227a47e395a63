// Risk's start-up reads against Postgres: today's orders and cancels per book.
import {
  aCreatedEvent,
  aNewOrder,
  openTestDataSource,
  type TestDataSource,
} from '@qmt/persistence/testing';
import { recordOrderEvents } from './order-events.recorder.js';
import { OrderStore } from './order.store.js';
import { RiskControlStore } from './risk-control.store.js';

describe('RiskControlStore.dailyFlow against Postgres', () => {
  let postgres: TestDataSource;

  beforeAll(async () => {
    postgres = await openTestDataSource();
  });

  afterAll(() => postgres?.close());

  it('counts each book’s orders since the day began and those it asked to cancel', async () => {
    const store = new OrderStore(postgres.dataSource);
    const today = new Date('2026-11-24T02:00:00Z');
    const orders = [
      aNewOrder({ orderId: 'Q0000000000000000A01', clientOrderId: 'a1', createdAt: today }),
      aNewOrder({ orderId: 'Q0000000000000000A02', clientOrderId: 'a2', createdAt: today }),
      aNewOrder({
        orderId: 'Q0000000000000000B01',
        clientOrderId: 'b1',
        strategyId: 'beta',
        createdAt: today,
      }),
      // Yesterday's: not counted, though it was cancelled.
      aNewOrder({
        orderId: 'Q0000000000000000A00',
        clientOrderId: 'a0',
        createdAt: new Date('2026-11-23T02:00:00Z'),
      }),
    ];
    for (const order of orders) {
      await store.insertPending(order, aCreatedEvent(order));
    }
    const cancel = (orderId: string, ts: Date) => ({
      event: {
        eventId: `cancel:${orderId}`,
        orderId,
        accountId: 'SIM-STOCK',
        type: 'CANCEL_REQUESTED',
        source: 'oms',
        payload: {},
        ts,
      },
      change: null,
    });
    await store.transaction((ledger) =>
      recordOrderEvents(ledger, [
        cancel('Q0000000000000000A02', today),
        cancel('Q0000000000000000A00', new Date('2026-11-23T03:00:00Z')),
      ]),
    );
    const flow = await new RiskControlStore(postgres.dataSource).dailyFlow(
      new Date('2026-11-23T16:00:00Z'),
    );
    expect(flow.sort((x, y) => x.strategyId.localeCompare(y.strategyId))).toEqual([
      { accountId: 'SIM-STOCK', strategyId: 'alpha', orders: 2, cancels: 1 },
      { accountId: 'SIM-STOCK', strategyId: 'beta', orders: 1, cancels: 0 },
    ]);
  });
});
