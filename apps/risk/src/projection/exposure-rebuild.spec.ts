// Risk's state after a restart (issue 5 §7), rebuilt from what Postgres holds: yesterday's buys
// are sellable today, today's are not (T+1); open orders hold their cash and shares again; today's
// order counts carry on; a new trading day rolls today's buys into sellable holdings.
import { parseDeskConfig } from '@qmt/contracts';
import { createLogger } from '@qmt/observability';
import type { OrderQueries, OrderRecord, OrderStore, RiskControlStore } from '@qmt/persistence';
import { DeskDirectory, ExchangeClock } from '@qmt/runtime';
import type { EventConsumer } from '@qmt/messaging';
import { RiskControls } from '../controls/risk-controls.js';
import { SoleOwnership } from '../lease/account-ownership.js';
import { FlowCounters } from '../state/flow-counters.js';
import { InMemoryControlStore } from '../testing/in-memory-control-store.js';
import { ExposureBook } from './exposure-book.js';
import { ExposureLoader } from './exposure-loader.js';
import { instrumentFacts } from './instrument-facts.js';

const desk = new DeskDirectory(
  parseDeskConfig(`
desk: { name: rebuild }
connectors: [{ id: sim-1, backend: sim }]
accounts:
  - id: ACC
    type: STOCK
    connector: sim-1
    brokerAccountId: '1'
    cash: 100000
    positions: [{ symbol: 600000.SH, quantity: 1000, book: alpha }]
strategies:
  - { id: alpha, apiKey: a, accounts: [ACC] }
instruments:
  - { symbol: 600000.SH, name: SPDB, preClose: 8.20 }
  - { symbol: 000001.SZ, name: PingAn, preClose: 11.50 }
  - { symbol: 113050.SH, name: CB, preClose: 125.000 }
`),
);

const flow = (day: string, symbol: string, bought: number, sold: number) => ({
  accountId: 'ACC',
  strategyId: 'alpha',
  symbol,
  tradingDay: day,
  bought,
  sold,
  buyAmount: BigInt(bought) * 115_000n,
  sellAmount: BigInt(sold) * 82_000n,
  commission: 50_000n,
});

const openSell = {
  orderId: 'Q-open',
  accountId: 'ACC',
  strategyId: 'alpha',
  symbol: '600000.SH',
  side: 'SELL',
  orderType: 24,
  quantity: 300,
  price: 82_000,
  view: { filledQuantity: 100 },
} as unknown as OrderRecord;

async function rebuiltOn(day: string) {
  const clock = new ExchangeClock('continuous', () => new Date(`${day}T02:00:00Z`));
  const book = new ExposureBook(instrumentFacts(desk));
  const counters = new FlowCounters();
  const logger = createLogger('silent');
  const controls = new RiskControls(new InMemoryControlStore(), desk, clock, logger);
  const store = {
    netSpendByBook: () => Promise.resolve([{ accountId: 'ACC', strategyId: 'alpha', spent: 0n }]),
    tradeKeys: () => Promise.resolve([{ accountId: 'ACC', tradeId: 'T1' }]),
    openOrders: () => Promise.resolve([openSell]),
  } as unknown as OrderStore;
  const queries = {
    bookFlowsByDay: () =>
      Promise.resolve([
        flow('2026-11-23', '000001.SZ', 500, 0),
        flow('2026-11-24', '000001.SZ', 200, 0),
        flow('2026-11-24', '600000.SH', 0, 100),
        flow('2026-11-24', '113050.SH', 50, 0),
      ]),
  } as unknown as OrderQueries;
  const controlStore = {
    dailyFlow: () =>
      Promise.resolve([{ accountId: 'ACC', strategyId: 'alpha', orders: 7, cancels: 2 }]),
  } as unknown as RiskControlStore;
  const loader = new ExposureLoader(
    book,
    store,
    queries,
    desk,
    {} as EventConsumer,
    logger,
    clock,
    controls,
    counters,
    controlStore,
    new SoleOwnership(),
  );
  await loader.rebuild();
  return { book, counters };
}

describe('the rebuild after a restart', () => {
  it('keeps T+1: yesterday’s buys sellable, today’s not; a T+0 bond sellable at once', async () => {
    const { book } = await rebuiltOn('2026-11-24');
    expect(book.sellable('ACC', 'alpha', '000001.SZ')).toBe(500);
    expect(book.position('ACC', 'alpha', '000001.SZ').long).toBe(700);
    expect(book.sellable('ACC', 'alpha', '113050.SH')).toBe(50);
    // 1,000 held, 100 sold today, 200 still held back by the open sell (300, 100 filled).
    expect(book.sellable('ACC', 'alpha', '600000.SH')).toBe(700);
    expect(book.openOrderCount('ACC', 'alpha')).toBe(1);
  });

  it('carries today’s order and cancel counts on', async () => {
    const { counters } = await rebuiltOn('2026-11-24');
    const counts = counters.counts(
      'ACC',
      'alpha',
      Date.parse('2026-11-24T02:00:00Z'),
      '2026-11-24',
    );
    expect(counts).toMatchObject({
      bookOrdersToday: 7,
      bookCancelsToday: 2,
      accountMessagesToday: 9,
    });
  });

  it('rolls a new trading day: today’s buys become sellable tomorrow', async () => {
    const { book } = await rebuiltOn('2026-11-24');
    expect(book.rollDay('2026-11-25')).toBe(true);
    expect(book.sellable('ACC', 'alpha', '000001.SZ')).toBe(700);
    expect(book.sellable('ACC', 'alpha', '600000.SH')).toBe(700);
    expect(book.rollDay('2026-11-25')).toBe(false);
  });
});
