// A synthetic desk for the risk benchmark: 5,000 instruments, 1,000 strategies over 50 accounts,
// 10,000 open orders, with state indexed the way the risk app keeps it (by account, strategy and
// symbol), so building one check's context is O(1) lookups and never a scan of open orders.
import {
  DuplicateIndex,
  ALL_ACTIVE,
  DEFAULT_FEES,
  DEFAULT_MARKET_PARAMETERS,
  DEFAULT_RISK_LIMITS,
  RateWindow,
  XtOrderType,
  XtPriceType,
  asMoney,
  asPrice,
  budgetLeft,
  defaultTickSize,
  effectiveLimits,
  fillBuy,
  holdingOf,
  killSwitchModesFor,
  moneyFromYuan,
  openBook,
  parseSecurityCode,
  rollBookDay,
  sellableToday,
  setKillSwitch,
  type DetailedRiskOrder,
  type Instrument,
  type KillSwitchState,
  type Money,
  type OrderRiskContext,
  type RestingOrder,
  type RiskLimits,
  type StrategyBook,
} from '@qmt/domain';

const ACCOUNTS = 50;
const STRATEGIES = 1_000;
const OPEN_ORDERS = 10_000;

/** A small deterministic generator, so every run measures the same desk. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function codes(): string[] {
  const range = (from: number, count: number, suffix: string) =>
    Array.from({ length: count }, (_, i) => `${String(from + i).padStart(6, '0')}.${suffix}`);
  return [
    ...range(600_000, 1_500, 'SH'),
    ...range(1, 1_500, 'SZ'),
    ...range(300_001, 1_000, 'SZ'),
    ...range(688_001, 1_000, 'SH'),
  ];
}

function instrument(symbol: string, random: () => number): Instrument {
  const parsed = parseSecurityCode(symbol);
  if (!parsed.ok) {
    throw new Error(parsed.reason);
  }
  return {
    security: parsed.security,
    name: symbol,
    preClose: asPrice(Math.round(2 + random() * 200) * 100),
    tickSize: defaultTickSize(parsed.security),
    upLimit: null,
    downLimit: null,
    status: 'TRADING',
    isSt: false,
    daysSinceListing: null,
    multiplier: 1,
  };
}

interface BookState {
  book: StrategyBook;
  open: number;
  orders: RateWindow;
  cancels: RateWindow;
  ordersToday: number;
  cancelsToday: number;
  grossExposure: Money;
  dailyPnl: Money;
  duplicates: DuplicateIndex;
}

interface AccountState {
  cash: Money;
  open: number;
  messages: RateWindow;
  messagesToday: number;
  grossExposure: Money;
  dailyPnl: Money;
  /** symbol → side → resting orders: the self-trade check reads one short list. */
  resting: Map<string, { BUY: RestingOrder[]; SELL: RestingOrder[] }>;
}

export interface CheckRequest {
  readonly accountId: string;
  readonly strategyId: string;
  readonly order: DetailedRiskOrder;
}

export interface RiskDesk {
  readonly instruments: ReadonlyMap<string, Instrument>;
  readonly requests: readonly CheckRequest[];
  readonly openOrders: number;
  context(request: CheckRequest, nowMs: number): OrderRiskContext;
}

const bookKey = (strategyId: string, accountId: string) => `${strategyId}@${accountId}`;

export function buildRiskDesk(requestCount: number): RiskDesk {
  const random = seeded(20_261_124);
  const symbols = codes();
  const instruments = new Map(symbols.map((s) => [s, instrument(s, random)]));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const accountIds = Array.from({ length: ACCOUNTS }, (_, i) => `ACC-${i}`);
  const strategyIds = Array.from({ length: STRATEGIES }, (_, i) => `S-${i}`);
  const accounts = new Map<string, AccountState>();
  for (const id of accountIds) {
    accounts.set(id, {
      cash: moneyFromYuan(100_000_000),
      open: 0,
      messages: new RateWindow(),
      messagesToday: 0,
      grossExposure: moneyFromYuan(10_000_000),
      dailyPnl: moneyFromYuan(-10_000),
      resting: new Map(),
    });
  }
  const books = new Map<string, BookState>();
  strategyIds.forEach((strategyId, i) => {
    const accountId = accountIds[i % ACCOUNTS] ?? 'ACC-0';
    let book = openBook(strategyId, accountId, moneyFromYuan(2_000_000));
    for (let h = 0; h < 20; h++) {
      book = fillBuy(book, pick(symbols), 1_000, asMoney(0n), asMoney(0n));
    }
    books.set(bookKey(strategyId, accountId), {
      book: { ...rollBookDay(book), spent: asMoney(0n) },
      open: 0,
      orders: new RateWindow(),
      cancels: new RateWindow(),
      ordersToday: 0,
      cancelsToday: 0,
      grossExposure: moneyFromYuan(500_000),
      dailyPnl: moneyFromYuan(-1_000),
      duplicates: new DuplicateIndex(),
    });
  });
  const bookList = [...books.values()];
  for (let n = 0; n < OPEN_ORDERS; n++) {
    const state = pick(bookList);
    const account = accounts.get(state.book.accountId);
    const symbol = pick(symbols);
    const inst = instruments.get(symbol);
    if (account === undefined || inst === undefined) {
      continue;
    }
    const side = random() < 0.5 ? 'BUY' : 'SELL';
    // Resting buys below and sells above the previous close: a few orders cross them.
    const offset = Math.round(inst.preClose * (0.01 + random() * 0.05));
    const price = asPrice(side === 'BUY' ? inst.preClose - offset : inst.preClose + offset);
    const bySide = account.resting.get(symbol) ?? { BUY: [], SELL: [] };
    bySide[side].push({
      orderId: `O-${n}`,
      strategyId: state.book.strategyId,
      side,
      limitPrice: price,
      quantity: 100,
    });
    account.resting.set(symbol, bySide);
    state.open++;
    account.open++;
  }
  const limits: RiskLimits = {
    ...DEFAULT_RISK_LIMITS,
    global: {
      ...DEFAULT_RISK_LIMITS.global,
      maxPositionQuantity: 1_000_000,
      maxGrossExposure: moneyFromYuan(50_000_000),
    },
    accounts: new Map(accountIds.map((id) => [id, { maxOpenOrders: 400 }])),
    symbols: new Map([[symbols[0] ?? '', { restricted: true }]]),
  };
  let killSwitch: KillSwitchState = ALL_ACTIVE;
  killSwitch = setKillSwitch(killSwitch, { type: 'strategy', id: 'S-999' }, 'REDUCE_ONLY');
  const tradingDays = new Set(['2026-11-24']);
  const isTradingDay = (day: string) => tradingDays.has(day);

  const requests: CheckRequest[] = [];
  for (let n = 0; n < requestCount; n++) {
    const state = pick(bookList);
    const symbols20 = [...state.book.holdings.keys()];
    const sell = random() < 0.3;
    const symbol = sell ? pick(symbols20) : pick(symbols);
    const inst = instruments.get(symbol);
    if (inst === undefined) {
      continue;
    }
    const market = random() < 0.1;
    const star = inst.security.board === 'STAR';
    requests.push({
      accountId: state.book.accountId,
      strategyId: state.book.strategyId,
      order: {
        side: sell ? 'SELL' : 'BUY',
        quantity: (1 + Math.floor(random() * 10)) * (star ? 200 : 100),
        limitPrice: market
          ? null
          : asPrice(
              inst.preClose + (random() < 0.5 ? -1 : 1) * Math.floor(random() * 5) * inst.tickSize,
            ),
        symbol,
        orderType: sell ? XtOrderType.STOCK_SELL : XtOrderType.STOCK_BUY,
        priceType: market
          ? symbol.endsWith('.SH')
            ? XtPriceType.MARKET_SH_CONVERT_5_CANCEL
            : XtPriceType.MARKET_SZ_CONVERT_5_CANCEL
          : XtPriceType.FIX_PRICE,
        ...(market && star ? { protectivePrice: inst.preClose } : {}),
      },
    });
  }

  const accountEquity = moneyFromYuan(120_000_000);

  function context(request: CheckRequest, nowMs: number): OrderRiskContext {
    const { accountId, strategyId, order } = request;
    const state = books.get(bookKey(strategyId, accountId));
    const account = accounts.get(accountId);
    const inst = instruments.get(order.symbol);
    if (state === undefined || account === undefined || inst === undefined) {
      throw new Error('the benchmark only asks about known books and instruments');
    }
    const holding = holdingOf(state.book, order.symbol);
    const sellable = sellableToday(holding, 'T1');
    const resting = account.resting.get(order.symbol);
    return {
      order,
      instrument: inst,
      availableCash: asMoney(account.cash - state.book.reserved),
      strategyBudgetLeft: budgetLeft(state.book),
      sellableQuantity: sellable,
      heldQuantity: Math.max(sellable, 0),
      fees: DEFAULT_FEES,
      accountId,
      strategyId,
      now: new Date(nowMs),
      isTradingDay,
      lastPrice: inst.preClose,
      limits: effectiveLimits(limits, { accountId, strategyId, symbol: order.symbol }),
      market: DEFAULT_MARKET_PARAMETERS,
      killSwitch: killSwitchModesFor(killSwitch, accountId, strategyId),
      position: {
        long: holding.startOfDay + holding.boughtToday - holding.soldToday,
        short: 0,
        pendingLong: 0,
        pendingShort: 0,
      },
      accountEquity,
      bookGrossExposure: state.grossExposure,
      accountGrossExposure: account.grossExposure,
      bookOpenOrders: state.open,
      accountOpenOrders: account.open,
      flow: {
        bookOrdersLastSecond: state.orders.countSince(nowMs, 1_000),
        bookOrdersToday: state.ordersToday,
        bookCancelsLastSecond: state.cancels.countSince(nowMs, 1_000),
        bookCancelsToday: state.cancelsToday,
        accountMessagesLastSecond: account.messages.countSince(nowMs, 1_000),
        accountMessagesToday: account.messagesToday,
      },
      lastIdenticalOrderAt: state.duplicates.lastAt(order, nowMs),
      restingOpposite: resting === undefined ? [] : resting[order.side === 'BUY' ? 'SELL' : 'BUY'],
      credit: null,
      futuresOpenedToday: 0,
      futuresCancelsToday: 0,
      bookDailyPnl: state.dailyPnl,
      accountDailyPnl: account.dailyPnl,
    };
  }

  return { instruments, requests, openOrders: OPEN_ORDERS, context };
}
