// Builders for domain tests (STYLE §2.7): plain functions with defaults and Partial overrides.
// Imported by tests only, as '@qmt/domain/testing'.
import {
  ALL_ACTIVE,
  DEFAULT_FEES,
  DEFAULT_MARKET_PARAMETERS,
  PROGRAMMATIC_THRESHOLDS,
  XtOrderType,
  XtPriceType,
  asMoney,
  asPrice,
  defaultTickSize,
  isWeekday,
  effectiveLimits,
  killSwitchModesFor,
  moneyFromYuan,
  parsePrice,
  parseSecurityCode,
  type CancelRiskContext,
  type EffectiveLimits,
  type FlowCounts,
  type Instrument,
  type LimitSet,
  type OrderRiskContext,
  type Price,
} from '../src/index.js';

/** A yuan string as a Price; throws on a typo so a test never runs with a wrong price. */
export function yuan(text: string): Price {
  const price = parsePrice(text);
  if (price === null) {
    throw new Error(`bad price ${text}`);
  }
  return price;
}

/** An instrument by code; the previous close defaults to 1,000 ticks (10.00 for a 0.01 tick). */
export function anInstrument(
  symbol = '600000.SH',
  preClose?: string,
  over: Partial<Instrument> = {},
): Instrument {
  const parsed = parseSecurityCode(symbol);
  if (!parsed.ok) {
    throw new Error(parsed.reason);
  }
  return {
    security: parsed.security,
    name: symbol,
    preClose:
      preClose === undefined ? asPrice(defaultTickSize(parsed.security) * 1000) : yuan(preClose),
    tickSize: defaultTickSize(parsed.security),
    upLimit: null,
    downLimit: null,
    status: 'TRADING',
    isSt: false,
    daysSinceListing: null,
    multiplier: 1,
    ...over,
  };
}

/** Weekdays trade (the real calendar comes from xtdata). */
export const weekdays = isWeekday;

/** An instant in Asia/Shanghai on Tuesday 2026-11-24 unless another day is given. */
export const shanghai = (hhmmss: string, day = '2026-11-24'): Date =>
  new Date(`${day}T${hhmmss}+08:00`);

/** Only the given limits, set at the global scope. */
export function limitsOf(set: LimitSet = {}): EffectiveLimits {
  return effectiveLimits(
    {
      global: set,
      accounts: new Map(),
      strategies: new Map(),
      strategyAccounts: new Map(),
      symbols: new Map(),
      programmaticTrading: PROGRAMMATIC_THRESHOLDS,
    },
    { accountId: 'ACC', strategyId: 'alpha', symbol: 'any' },
  );
}

export const NO_FLOW: FlowCounts = {
  bookOrdersLastSecond: 0,
  bookOrdersToday: 0,
  bookCancelsLastSecond: 0,
  bookCancelsToday: 0,
  accountMessagesLastSecond: 0,
  accountMessagesToday: 0,
};

/**
 * A clean limit buy of 100 000001.SZ at 11.60 at 10:00 on a trading day, no limits set, plenty
 * of cash, an empty book: every rule of ORDER_RULES passes it.
 */
export function anOrderContext(over: Partial<OrderRiskContext> = {}): OrderRiskContext {
  return {
    order: {
      side: 'BUY',
      quantity: 100,
      limitPrice: yuan('11.60'),
      symbol: '000001.SZ',
      orderType: XtOrderType.STOCK_BUY,
      priceType: XtPriceType.FIX_PRICE,
    },
    instrument: anInstrument('000001.SZ', '11.50'),
    availableCash: moneyFromYuan(1_000_000),
    strategyBudgetLeft: null,
    sellableQuantity: 0,
    heldQuantity: 0,
    fees: DEFAULT_FEES,
    accountId: 'ACC',
    strategyId: 'alpha',
    now: shanghai('10:00:00'),
    isTradingDay: weekdays,
    lastPrice: yuan('11.50'),
    limits: limitsOf(),
    market: DEFAULT_MARKET_PARAMETERS,
    killSwitch: killSwitchModesFor(ALL_ACTIVE, 'ACC', 'alpha'),
    position: { long: 0, short: 0, pendingLong: 0, pendingShort: 0 },
    accountEquity: moneyFromYuan(10_000_000),
    bookGrossExposure: asMoney(0n),
    accountGrossExposure: asMoney(0n),
    bookOpenOrders: 0,
    accountOpenOrders: 0,
    flow: NO_FLOW,
    lastIdenticalOrderAt: null,
    restingOpposite: [],
    credit: null,
    futuresOpenedToday: 0,
    futuresCancelsToday: 0,
    bookDailyPnl: asMoney(0n),
    accountDailyPnl: asMoney(0n),
    ...over,
  };
}

/** A context whose order is `order` over the default buy. */
export function withOrder(
  order: Partial<OrderRiskContext['order']>,
  over: Partial<OrderRiskContext> = {},
): OrderRiskContext {
  const base = anOrderContext(over);
  return { ...base, order: { ...base.order, ...order } };
}

export function aCancelContext(over: Partial<CancelRiskContext> = {}): CancelRiskContext {
  return {
    accountId: 'ACC',
    strategyId: 'alpha',
    instrument: anInstrument('000001.SZ', '11.50'),
    now: shanghai('10:00:00'),
    isTradingDay: weekdays,
    limits: limitsOf(),
    market: DEFAULT_MARKET_PARAMETERS,
    flow: NO_FLOW,
    futuresCancelsToday: 0,
    ...over,
  };
}

/** Table rows [case, context, expected code] titled "case → CODE" (or "→ passes"). */
export function cases<C>(
  rows: readonly (readonly [string, C, string | null])[],
): [string, C, string | null][] {
  return rows.map(([name, ctx, code]) => [`${name} → ${code ?? 'passes'}`, ctx, code]);
}
