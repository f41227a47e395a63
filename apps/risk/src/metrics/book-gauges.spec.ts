import { resolve } from 'node:path';
import { loadDeskConfig } from '@qmt/contracts';
import { asMoney, asPrice, moneyFromYuan } from '@qmt/domain';
import { GatewayMetrics } from '@qmt/observability';
import { DeskDirectory } from '@qmt/runtime';
import { ExposureBook } from '../projection/exposure-book.js';
import { BookGauges } from './book-gauges.js';

// The shipped desk: alpha and beta each have a 4 000 000 yuan budget in SIM-STOCK (cash 10 M).
const desk = new DeskDirectory(
  loadDeskConfig(resolve(import.meta.dirname, '../../../../config/desk.yaml')),
);

function setUp() {
  const metrics = new GatewayMetrics({ defaultMetrics: false });
  const book = new ExposureBook();
  const gauges = new BookGauges(metrics, book, desk);
  gauges.onModuleInit();
  const values = async (name: string): Promise<Record<string, string | number>[]> =>
    ((await metrics.registry.getSingleMetric(name)?.get())?.values ?? []).map((v) => ({
      ...(v.labels as Record<string, string>),
      value: v.value,
    }));
  return { book, values };
}

function buy(orderId: string, strategyId: string, quantity: number, yuanPerShare: number) {
  return {
    orderId,
    accountId: 'SIM-STOCK',
    strategyId,
    symbol: '000001.SZ',
    side: 'BUY' as const,
    quantity,
    cashPerShare: asMoney(moneyFromYuan(yuanPerShare)),
    filled: 0,
  };
}

describe('the book gauges', () => {
  it('shows open orders, reserved cash and exposure per book', async () => {
    const { book, values } = setUp();
    book.reserve(buy('Q1', 'alpha', 1000, 10));
    book.reserve(buy('Q2', 'alpha', 500, 20));
    book.seedSpent('SIM-STOCK', 'beta', moneyFromYuan(2500));
    expect(await values('qmt_risk_open_orders')).toEqual([
      { account: 'SIM-STOCK', strategy: 'alpha', value: 2 },
      { account: 'SIM-STOCK', strategy: 'beta', value: 0 },
    ]);
    expect(await values('qmt_risk_reserved_cash_yuan')).toContainEqual({
      account: 'SIM-STOCK',
      strategy: 'alpha',
      value: 20_000,
    });
    expect(await values('qmt_risk_exposure_yuan')).toEqual([
      { account: 'SIM-STOCK', strategy: 'alpha', value: 20_000 },
      { account: 'SIM-STOCK', strategy: 'beta', value: 2_500 },
    ]);
  });

  it.each([
    ['just under the budget', 3_999_999, 0.99999975],
    ['exactly at the budget', 4_000_000, 1],
    ['just past the budget', 4_000_001, 1.00000025],
  ])('reports a strategy %s as its share of the budget', async (_case, committed, usage) => {
    const { book, values } = setUp();
    book.seedSpent('SIM-STOCK', 'alpha', moneyFromYuan(committed));
    const budget = (await values('qmt_risk_limit_usage_ratio')).find(
      (v) => v.limit === 'STRATEGY_BUDGET',
    );
    expect(budget?.value).toBeCloseTo(usage, 10);
  });

  it('reports account cash used over all its books, and no budget where there is none', async () => {
    const { book, values } = setUp();
    book.reserve(buy('Q1', 'alpha', 1000, 1000)); // 1 000 000 yuan reserved in SIM-STOCK
    book.seedSpent('SIM-STOCK', 'beta', moneyFromYuan(1_500_000));
    book.seedSpent('SIM-CREDIT', 'alpha', moneyFromYuan(500_000));
    const usage = await values('qmt_risk_limit_usage_ratio');
    expect(usage).toContainEqual({
      account: 'SIM-STOCK',
      strategy: 'all',
      limit: 'ACCOUNT_CASH',
      value: 0.25,
    });
    expect(usage).toContainEqual({
      account: 'SIM-CREDIT',
      strategy: 'all',
      limit: 'ACCOUNT_CASH',
      value: 0.1,
    });
    // alpha has no budget in SIM-CREDIT.
    expect(
      usage.filter((u) => u.account === 'SIM-CREDIT' && u.limit === 'STRATEGY_BUDGET'),
    ).toEqual([]);
  });

  it('forgets a book whose orders finished, without touching limits it does not own', async () => {
    const metrics = new GatewayMetrics({ defaultMetrics: false });
    const book = new ExposureBook();
    const gauges = new BookGauges(metrics, book, desk);
    book.reserve(buy('Q1', 'alpha', 100, 10));
    gauges.show(book.books());
    metrics.book.limitUsage.set(
      { account: 'SIM-STOCK', strategy: 'alpha', limit: 'MAX_ORDERS_PER_DAY' },
      0.5,
    );
    book.release('Q1');
    gauges.show(book.books());
    const usage = (await metrics.book.limitUsage.get()).values.map((v) => v.labels.limit);
    expect(usage).toEqual(['MAX_ORDERS_PER_DAY']);
    expect((await metrics.book.openOrders.get()).values).toEqual([]);
  });

  it("shows each book's P&L of the day at the mark, in realised, unrealised and fees", async () => {
    const metrics = new GatewayMetrics({ defaultMetrics: false });
    // 000001.SZ closed at 11.50 yesterday.
    const book = new ExposureBook(() => ({
      settlement: 'T1',
      multiplier: 1,
      preClose: asPrice(115_000),
    }));
    new BookGauges(metrics, book, desk).onModuleInit();
    // 1,000 held from yesterday; 400 sold today for 4,800 yuan with 3 yuan of fees.
    book.seedHolding('SIM-STOCK', 'alpha', '000001.SZ', {
      startOfDay: 1_000,
      soldToday: 400,
      sellAmount: moneyFromYuan(4_800),
      fees: moneyFromYuan(3),
    });
    book.mark('000001.SZ', asPrice(120_000));
    const pnl = (await metrics.book.pnl.get()).values.map((v) => ({
      kind: v.labels.kind,
      strategy: v.labels.strategy,
      value: v.value,
    }));
    // Realised: 4,800 − 400 × 11.50 = 200; unrealised: 600 × (12.00 − 11.50) = 300.
    expect(pnl).toEqual([
      { kind: 'realised', strategy: 'alpha', value: 200 },
      { kind: 'unrealised', strategy: 'alpha', value: 300 },
      { kind: 'fees', strategy: 'alpha', value: 3 },
    ]);
  });
});
