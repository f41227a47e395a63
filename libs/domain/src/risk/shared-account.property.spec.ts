// Issue 5 "done when": many orders from two strategies on one account, in any interleaving, each
// checked with checkAll(ORDER_RULES) and reserved in the same step, never overspend the account's
// cash, a strategy's budget or a book's sellable shares — however they later fill or cancel.
import fc from 'fast-check';
import { anInstrument, anOrderContext } from '@qmt/domain/testing';
import {
  accountCashAvailable,
  budgetLeft,
  fillBuy,
  fillSell,
  holdingOf,
  openBook,
  releaseBuy,
  releaseSell,
  reserveSell,
  reserveBuy,
  rollBookDay,
  sellableToday,
  type StrategyBook,
} from '../book/index.js';
import { priceLimitBand, type Instrument } from '../instrument/index.js';
import {
  asMoney,
  asPrice,
  moneyFromYuan,
  notional,
  type Money,
  type Price,
} from '../money/index.js';
import { XtOrderType, XtPriceType } from '../xt/index.js';
import { checkAll } from './catalogue.js';
import { DEFAULT_RISK_LIMITS, effectiveLimits } from './limits.js';
import { ORDER_RULES } from './order-catalogue.js';
import { DEFAULT_FEES, estimateFees, reservationFor } from './reservation.js';
import type { DetailedRiskOrder } from './order-risk-context.js';

const ACCOUNT = 'SIM-STOCK';
const STRATEGIES = ['alpha', 'beta'] as const;
type StrategyId = (typeof STRATEGIES)[number];
const INSTRUMENTS: ReadonlyMap<string, Instrument> = new Map([
  ['000001.SZ', anInstrument('000001.SZ', '11.50')],
  ['600000.SH', anInstrument('600000.SH', '8.20')],
]);
const SYMBOLS = [...INSTRUMENTS.keys()];
const STARTING_CASH = moneyFromYuan(300_000);

interface OpenOrder {
  readonly strategy: StrategyId;
  readonly order: DetailedRiskOrder;
  readonly reserved: Money;
}

interface Desk {
  books: Map<StrategyId, StrategyBook>;
  open: OpenOrder[];
}

function newDesk(): Desk {
  const books = new Map<StrategyId, StrategyBook>();
  for (const strategy of STRATEGIES) {
    let book = openBook(strategy, ACCOUNT, moneyFromYuan(200_000));
    for (const symbol of SYMBOLS) {
      book = fillBuy(book, symbol, 3_000, asMoney(0n), asMoney(0n));
    }
    // Yesterday's buys: sellable today.
    books.set(strategy, { ...rollBookDay(book), spent: asMoney(0n) });
  }
  return { books, open: [] };
}

function bookOf(desk: Desk, strategy: StrategyId): StrategyBook {
  const book = desk.books.get(strategy);
  if (book === undefined) {
    throw new Error(`no book for ${strategy}`);
  }
  return book;
}

function instrumentOf(symbol: string): Instrument {
  const inst = INSTRUMENTS.get(symbol);
  if (inst === undefined) {
    throw new Error(`no instrument ${symbol}`);
  }
  return inst;
}

function band(inst: Instrument): { up: Price; down: Price } {
  const b = priceLimitBand(inst);
  if (b === null) {
    throw new Error('the test instruments have bands');
  }
  return b;
}

type Action =
  | {
      kind: 'order';
      strategy: StrategyId;
      symbol: string;
      side: 'BUY' | 'SELL';
      lots: number;
      priceStep: number;
      market: boolean;
    }
  | { kind: 'fill'; pick: number; priceStep: number; share: number }
  | { kind: 'cancel'; pick: number };

const action: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('order' as const),
      strategy: fc.constantFrom(...STRATEGIES),
      symbol: fc.constantFrom(...SYMBOLS),
      side: fc.constantFrom<'BUY' | 'SELL'>('BUY', 'SELL'),
      lots: fc.integer({ min: 1, max: 120 }),
      priceStep: fc.integer({ min: 0, max: 20 }),
      market: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('fill' as const),
      pick: fc.nat(),
      priceStep: fc.integer({ min: 0, max: 20 }),
      share: fc.constantFrom(1, 2),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }) },
);

// A price on the band in 20 steps from limit-down to limit-up, rounded to the tick.
function priceAt(inst: Instrument, step: number): Price {
  const { up, down } = band(inst);
  const raw = down + Math.floor(((up - down) * step) / 20);
  return asPrice(Math.floor(raw / inst.tickSize) * inst.tickSize);
}

const stats = { approved: 0, rejected: 0, fills: 0 };

function submit(desk: Desk, a: Extract<Action, { kind: 'order' }>): void {
  const inst = instrumentOf(a.symbol);
  const book = bookOf(desk, a.strategy);
  const holding = holdingOf(book, a.symbol);
  const sellable = sellableToday(holding, 'T1');
  const order: DetailedRiskOrder = {
    side: a.side,
    quantity: a.lots * 100,
    limitPrice: a.market ? null : priceAt(inst, a.priceStep),
    symbol: a.symbol,
    orderType: a.side === 'BUY' ? XtOrderType.STOCK_BUY : XtOrderType.STOCK_SELL,
    priceType: a.market
      ? a.symbol.endsWith('.SH')
        ? XtPriceType.MARKET_SH_CONVERT_5_CANCEL
        : XtPriceType.MARKET_SZ_INSTBUSI_RESTCANCEL
      : XtPriceType.FIX_PRICE,
  };
  const ctx = {
    ...anOrderContext(),
    order,
    instrument: inst,
    accountId: ACCOUNT,
    strategyId: a.strategy,
    availableCash: accountCashAvailable(STARTING_CASH, desk.books.values()),
    strategyBudgetLeft: budgetLeft(book),
    sellableQuantity: sellable,
    heldQuantity: Math.max(sellable, 0),
    lastPrice: inst.preClose,
    limits: effectiveLimits(DEFAULT_RISK_LIMITS, {
      accountId: ACCOUNT,
      strategyId: a.strategy,
      symbol: a.symbol,
    }),
  };
  if (checkAll(ctx, ORDER_RULES).length > 0) {
    stats.rejected++;
    return;
  }
  stats.approved++;
  // Reserve in the same synchronous step as the check (ARCHITECTURE §4).
  const reserved = reservationFor(order, inst, ctx.fees);
  desk.books.set(
    a.strategy,
    a.side === 'BUY' ? reserveBuy(book, reserved) : reserveSell(book, a.symbol, order.quantity),
  );
  desk.open.push({ strategy: a.strategy, order, reserved });
}

function fill(desk: Desk, a: Extract<Action, { kind: 'fill' }>): void {
  const open = desk.open[a.pick % desk.open.length];
  if (open === undefined) {
    return;
  }
  desk.open = desk.open.filter((o) => o !== open);
  const { order, strategy, reserved } = open;
  const inst = instrumentOf(order.symbol);
  const book = bookOf(desk, strategy);
  // A buy fills at or below its limit (a market buy within the band); a sell anywhere in the band.
  const cap = order.side === 'BUY' ? (order.limitPrice ?? band(inst).up) : band(inst).up;
  const price = asPrice(Math.min(priceAt(inst, a.priceStep), cap));
  const half = order.quantity / 2;
  const filled = a.share === 2 && half % 100 === 0 ? half : order.quantity;
  const gross = notional(price, filled);
  if (order.side === 'BUY') {
    const paid = asMoney(gross + estimateFees('BUY', gross, DEFAULT_FEES));
    // The rest of the order is cancelled: its whole reservation is released.
    desk.books.set(strategy, fillBuy(book, order.symbol, filled, paid, reserved));
  } else {
    const proceeds = asMoney(gross - estimateFees('SELL', gross, DEFAULT_FEES));
    const sold = fillSell(book, order.symbol, filled, proceeds);
    desk.books.set(strategy, releaseSell(sold, order.symbol, order.quantity - filled));
  }
  stats.fills++;
}

function cancel(desk: Desk, a: Extract<Action, { kind: 'cancel' }>): void {
  const open = desk.open[a.pick % desk.open.length];
  if (open === undefined) {
    return;
  }
  desk.open = desk.open.filter((o) => o !== open);
  const book = bookOf(desk, open.strategy);
  desk.books.set(
    open.strategy,
    open.order.side === 'BUY'
      ? releaseBuy(book, open.reserved)
      : releaseSell(book, open.order.symbol, open.order.quantity),
  );
}

function assertNothingOverspent(desk: Desk): void {
  expect(accountCashAvailable(STARTING_CASH, desk.books.values()) >= 0n).toBe(true);
  for (const book of desk.books.values()) {
    expect((budgetLeft(book) ?? 0n) >= 0n).toBe(true);
    for (const symbol of SYMBOLS) {
      expect(sellableToday(holdingOf(book, symbol), 'T1')).toBeGreaterThanOrEqual(0);
    }
  }
}

describe('two strategies sharing one account (fast-check over random interleavings)', () => {
  it('never overspend cash, budget or sellable shares', () => {
    fc.assert(
      fc.property(fc.array(action, { minLength: 1, maxLength: 80 }), (actions) => {
        const desk = newDesk();
        for (const a of actions) {
          if (a.kind === 'order') {
            submit(desk, a);
          } else if (a.kind === 'fill') {
            fill(desk, a);
          } else {
            cancel(desk, a);
          }
          assertNothingOverspent(desk);
        }
      }),
      { numRuns: 300 },
    );
    // The property is only worth something if orders were both approved and refused.
    expect(stats.approved).toBeGreaterThan(100);
    expect(stats.rejected).toBeGreaterThan(100);
    expect(stats.fills).toBeGreaterThan(50);
  });
});
