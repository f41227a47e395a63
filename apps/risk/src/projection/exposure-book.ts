import type { GatewayEvent } from '@qmt/contracts';
import {
  FLAT,
  applyFill,
  asMoney,
  isTerminalState,
  orderStateOfXtStatus,
  pnlOf,
  sumPnl,
  sellableToday,
  sideOfOrderType,
  type BookHolding,
  type Money,
  type Pnl,
  type PositionLedger,
  type Price,
  type RestingOrder,
  type Settlement,
} from '@qmt/domain';
import { NestedMap } from '../state/nested-map.js';

/** Cash and shares an open order holds back until it fills or ends. */
export interface Reservation {
  readonly orderId: string;
  readonly accountId: string;
  readonly strategyId: string;
  readonly symbol: string;
  readonly side: 'BUY' | 'SELL';
  readonly quantity: number;
  /** Money reserved per share (price + fee estimate share) for buys; 0 for sells. */
  readonly cashPerShare: Money;
  readonly filled: number;
  /** The order's limit (null: market); the self-trade check compares it. */
  readonly limitPrice?: Price | null;
  /** Adds to the book's position (a buy, a short sale, a futures open): gross exposure. */
  readonly increases?: boolean;
}

/** What the book knows of one instrument: settlement, multiplier and the price it marks from. */
export interface InstrumentFacts {
  readonly settlement: Settlement;
  readonly multiplier: number;
  readonly preClose: Price;
}

/** One strategy book in one account as the gauges show it (money in 0.0001 CNY units). */
export interface BookExposure {
  readonly accountId: string;
  readonly strategyId: string;
  readonly openOrders: number;
  readonly reservedCash: bigint;
  readonly spent: bigint;
}

export interface BookFigures {
  readonly spent: bigint;
  readonly reserved: bigint;
  readonly open: number;
  readonly grossExposure: Money;
  readonly pnl: Money;
}

export interface AccountFigures extends BookFigures {
  readonly marketValue: Money;
}

export interface HoldingFigures {
  readonly sellable: number;
  readonly long: number;
  readonly pendingLong: number;
}

const NO_FIGURES: BookFigures = {
  spent: 0n,
  reserved: 0n,
  open: 0,
  grossExposure: 0n as Money,
  pnl: 0n as Money,
};
const NO_HOLDING_FIGURES: HoldingFigures = { sellable: 0, long: 0, pendingLong: 0 };

/** The unallocated remainder of an account (shares no strategy book owns) is kept under this id. */
export const UNALLOCATED = '';

interface OpenOrder extends Reservation {
  readonly statusFilled: number;
  readonly traded: number;
}

interface Totals {
  spent: bigint;
  fees: bigint;
  reserved: bigint;
  open: number;
  /** Notional of open orders that increase a position. */
  pending: bigint;
  /** Σ |position notional| at the mark. */
  positionExposure: bigint;
  /** Σ long market value at the mark (account equity). */
  marketValue: bigint;
  /** Σ realised + unrealised − fees of the trading day. */
  pnl: bigint;
}

interface Holding {
  startOfDay: number;
  boughtToday: number;
  soldToday: number;
  openSells: number;
  pendingLong: number;
  ledger: PositionLedger;
  /** This position's cached contribution to its totals. */
  exposure: bigint;
  value: bigint;
  pnl: bigint;
}

interface AccountEntry {
  readonly totals: Totals;
  /** Resting orders per symbol (the self-trade check). */
  readonly resting: Map<string, { BUY: RestingOrder[]; SELL: RestingOrder[] }>;
}

interface BookEntry {
  readonly totals: Totals;
  readonly account: AccountEntry;
  readonly holdings: Map<string, Holding>;
}

// Template strings, not join(): a check builds a few of these and they are on its hot path.
function key(a: string, b: string, c?: string): string {
  return c === undefined ? `${a}\u0000${b}` : `${a}\u0000${b}\u0000${c}`;
}
const remaining = (o: Reservation): number => Math.max(o.quantity - o.filled, 0);
const abs = (v: bigint): bigint => (v < 0n ? -v : v);

function emptyTotals(): Totals {
  return {
    spent: 0n,
    fees: 0n,
    reserved: 0n,
    open: 0,
    pending: 0n,
    positionExposure: 0n,
    marketValue: 0n,
    pnl: 0n,
  };
}

const DEFAULT_FACTS: InstrumentFacts = { settlement: 'T1', multiplier: 1, preClose: 0 as Price };

/**
 * Risk's in-memory exposure per account and strategy book: cash spent by fills, open
 * reservations, holdings under T+1, P&L and gross exposure at the mark, resting orders for the
 * self-trade check. Every figure a check reads is an aggregate kept up to date as orders and
 * fills arrive, so a check is O(1) whatever the number of open orders, and check and reserve
 * happen in one synchronous step (ARCHITECTURE §4). Rebuilt from Postgres at start and kept
 * current from the event streams.
 */
export class ExposureBook {
  private readonly orders = new Map<string, OpenOrder>();
  // Per book and per account, everything a check reads of them in one object: on a large desk
  // each map level a check walks is a cache miss (about 0.3 µs here), so a book's holdings
  // hang off its entry rather than a three-level map of their own.
  private readonly bookEntries = new NestedMap<BookEntry>();
  private readonly accounts = new Map<string, AccountEntry>();
  /** symbol → holding keys, so a new mark touches only the positions in that symbol. */
  private readonly holdersBySymbol = new Map<string, Set<string>>();
  private readonly appliedTrades = new Set<string>();
  private readonly connectorsDown = new Set<string>();
  private readonly marks = new Map<string, Price>();
  private day: string | null = null;

  constructor(
    private readonly factsOf: (symbol: string) => InstrumentFacts = () => DEFAULT_FACTS,
  ) {}

  /** Adds shares held at the start of the trading day (all sellable today). */
  seedSellable(accountId: string, strategyId: string, symbol: string, quantity: number): void {
    this.seedHolding(accountId, strategyId, symbol, { startOfDay: quantity });
  }

  /**
   * Adds to a book's holding. The day's P&L counts from the previous close of startOfDay and,
   * for today's flows, from their amounts at average cost (buys taken before sells: the order of
   * the day's fills is not kept in book_flows).
   */
  seedHolding(
    accountId: string,
    strategyId: string,
    symbol: string,
    change: Partial<Pick<BookHolding, 'startOfDay' | 'boughtToday' | 'soldToday'>> & {
      readonly buyAmount?: bigint;
      readonly sellAmount?: bigint;
      readonly fees?: bigint;
    },
  ): void {
    const holding = this.holding(accountId, strategyId, symbol);
    const facts = this.factsOf(symbol);
    const startOfDay = change.startOfDay ?? 0;
    const bought = change.boughtToday ?? 0;
    const sold = change.soldToday ?? 0;
    holding.startOfDay += startOfDay;
    holding.boughtToday += bought;
    holding.soldToday += sold;
    const gross = startOfDay + bought;
    const grossCost =
      BigInt(startOfDay) * BigInt(facts.preClose) * BigInt(facts.multiplier) +
      (change.buyAmount ?? 0n);
    const soldCost = gross > 0 ? (grossCost * BigInt(sold)) / BigInt(gross) : 0n;
    holding.ledger = {
      quantity: holding.ledger.quantity + gross - sold,
      cost: asMoney(holding.ledger.cost + grossCost - soldCost),
      realised: asMoney(
        holding.ledger.realised + (change.sellAmount ?? 0n) - (sold > 0 ? soldCost : 0n),
      ),
      fees: asMoney(holding.ledger.fees + (change.fees ?? 0n)),
    };
    this.remark(accountId, strategyId, symbol);
  }

  seedSpent(accountId: string, strategyId: string, spent: bigint): void {
    this.totalsOf(accountId, strategyId, (t) => {
      t.spent += spent;
    });
  }

  markTradeApplied(accountId: string, tradeId: string): void {
    this.appliedTrades.add(key(accountId, tradeId));
  }

  reserve(reservation: Reservation): void {
    this.release(reservation.orderId);
    // Built field by field: one object shape for every open order keeps the hot path monomorphic.
    const order: OpenOrder = {
      orderId: reservation.orderId,
      accountId: reservation.accountId,
      strategyId: reservation.strategyId,
      symbol: reservation.symbol,
      side: reservation.side,
      quantity: reservation.quantity,
      cashPerShare: reservation.cashPerShare,
      filled: reservation.filled,
      limitPrice: reservation.limitPrice ?? null,
      increases: reservation.increases ?? reservation.side === 'BUY',
      statusFilled: reservation.filled,
      traded: 0,
    };
    this.orders.set(order.orderId, order);
    this.attach(order);
  }

  release(orderId: string): void {
    const order = this.orders.get(orderId);
    if (order !== undefined) {
      this.detach(order);
      this.orders.delete(orderId);
    }
  }

  reservation(orderId: string): Reservation | undefined {
    return this.orders.get(orderId);
  }

  /** Open orders of a scope (the kill switch's cancelOpen), oldest first. */
  openOrders(filter: (r: Reservation) => boolean = () => true): Reservation[] {
    return [...this.orders.values()].filter(filter);
  }

  /** Cash held by open buys in an account (optionally one strategy's). */
  reservedCash(accountId: string, strategyId?: string): bigint {
    return this.totals(accountId, strategyId)?.reserved ?? 0n;
  }

  spent(accountId: string, strategyId?: string): bigint {
    return this.totals(accountId, strategyId)?.spent ?? 0n;
  }

  openOrderCount(accountId: string, strategyId?: string): number {
    return this.totals(accountId, strategyId)?.open ?? 0;
  }

  /** Σ |position notional| at the mark plus open increasing orders' notional. */
  grossExposure(accountId: string, strategyId?: string): Money {
    const t = this.totals(accountId, strategyId);
    return asMoney(t === undefined ? 0n : t.positionExposure + t.pending);
  }

  marketValue(accountId: string): Money {
    return asMoney(this.totals(accountId)?.marketValue ?? 0n);
  }

  /** Realised plus unrealised P&L of the trading day, fees deducted. */
  dailyPnl(accountId: string, strategyId?: string): Money {
    return asMoney(this.totals(accountId, strategyId)?.pnl ?? 0n);
  }

  /** Everything a check reads of one book, looked up once. */
  bookFigures(accountId: string, strategyId: string): BookFigures {
    const t = this.bookEntries.get(accountId, strategyId)?.totals;
    return t === undefined
      ? NO_FIGURES
      : {
          spent: t.spent,
          reserved: t.reserved,
          open: t.open,
          grossExposure: asMoney(t.positionExposure + t.pending),
          pnl: asMoney(t.pnl),
        };
  }

  accountFigures(accountId: string): AccountFigures {
    const t = this.accounts.get(accountId)?.totals;
    return t === undefined
      ? { ...NO_FIGURES, marketValue: asMoney(0n) }
      : {
          spent: t.spent,
          reserved: t.reserved,
          open: t.open,
          grossExposure: asMoney(t.positionExposure + t.pending),
          pnl: asMoney(t.pnl),
          marketValue: asMoney(t.marketValue),
        };
  }

  /** The book's holding in one symbol as a check reads it: sellable today and the position. */
  holdingFigures(accountId: string, strategyId: string, symbol: string): HoldingFigures {
    const h = this.bookEntries.get(accountId, strategyId)?.holdings.get(symbol);
    if (h === undefined) {
      return NO_HOLDING_FIGURES;
    }
    return {
      sellable: sellableToday(h, this.factsOf(symbol).settlement),
      long: h.startOfDay + h.boughtToday - h.soldToday,
      pendingLong: h.pendingLong,
    };
  }

  /** Shares a book can still sell: T+1 excludes today's buys; open sells are held back. */
  sellable(accountId: string, strategyId: string, symbol: string): number {
    const holding = this.bookEntries.get(accountId, strategyId)?.holdings.get(symbol);
    return holding === undefined ? 0 : sellableToday(holding, this.factsOf(symbol).settlement);
  }

  /** The book's position in a symbol: long held (today's buys included) and pending buys. */
  position(
    accountId: string,
    strategyId: string,
    symbol: string,
  ): {
    readonly long: number;
    readonly pendingLong: number;
    readonly openSells: number;
  } {
    const h = this.bookEntries.get(accountId, strategyId)?.holdings.get(symbol);
    return h === undefined
      ? { long: 0, pendingLong: 0, openSells: 0 }
      : {
          long: h.startOfDay + h.boughtToday - h.soldToday,
          pendingLong: h.pendingLong,
          openSells: h.openSells,
        };
  }

  /** Every book holding (reconciliation): owned quantity per account, strategy and symbol. */
  *ownedHoldings(): Generator<{
    accountId: string;
    strategyId: string;
    symbol: string;
    owned: number;
  }> {
    for (const [accountId, strategyId, symbol, h] of this.allHoldings()) {
      yield { accountId, strategyId, symbol, owned: h.startOfDay + h.boughtToday - h.soldToday };
    }
  }

  /** Strategy books with any figure in an account (the loss monitor walks them). */
  strategiesOf(accountId: string): string[] {
    const out: string[] = [];
    for (const strategyId of this.bookEntries.keysOf(accountId)) {
      if (strategyId !== UNALLOCATED) {
        out.push(strategyId);
      }
    }
    return out;
  }

  /** Resting orders of the account in a symbol on one side (the self-trade check reads them). */
  restingOn(accountId: string, symbol: string, side: 'BUY' | 'SELL'): readonly RestingOrder[] {
    return this.accounts.get(accountId)?.resting.get(symbol)?.[side] ?? [];
  }

  /** Symbols some book holds or has held today (the mark feed asks for these). */
  heldSymbols(): string[] {
    return [...this.holdersBySymbol.keys()];
  }

  /** Commission paid by fills (reconciliation: the broker's cash has them deducted). */
  fees(accountId: string, strategyId?: string): bigint {
    return this.totals(accountId, strategyId)?.fees ?? 0n;
  }

  seedFees(accountId: string, strategyId: string, fees: bigint): void {
    this.totalsOf(accountId, strategyId, (t) => {
      t.fees += fees;
    });
  }

  lastPrice(symbol: string): Price | null {
    return this.marks.get(symbol) ?? null;
  }

  /** A new mark for a symbol: unrealised P&L and exposure of every position in it follow. */
  mark(symbol: string, price: Price): void {
    if (price <= 0 || this.marks.get(symbol) === price) {
      return;
    }
    this.marks.set(symbol, price);
    for (const k of this.holdersBySymbol.get(symbol) ?? []) {
      const [accountId = '', strategyId = ''] = k.split('\u0000');
      this.remark(accountId, strategyId, symbol);
    }
  }

  /**
   * A new trading day: everything owned becomes start-of-day and sellable, the day's P&L starts
   * again from the last mark (rollBookDay, startOfDay). The first call only records the day.
   */
  rollDay(day: string): boolean {
    if (this.day === day) {
      return false;
    }
    const first = this.day === null;
    this.day = day;
    if (first) {
      return false;
    }
    for (const [accountId, strategyId, symbol, h] of this.allHoldings()) {
      const owned = h.startOfDay + h.boughtToday - h.soldToday;
      const facts = this.factsOf(symbol);
      const mark = this.marks.get(symbol) ?? facts.preClose;
      h.startOfDay = owned;
      h.boughtToday = 0;
      h.soldToday = 0;
      h.ledger = {
        ...FLAT,
        quantity: owned,
        cost: asMoney(BigInt(owned) * BigInt(mark) * BigInt(facts.multiplier)),
      };
      this.remark(accountId, strategyId, symbol);
    }
    return true;
  }

  get tradingDay(): string | null {
    return this.day;
  }

  /**
   * Per book with something to show: open orders, cash they reserve and net spend (for the book
   * gauges; a book whose orders all ended and that spent nothing drops out).
   */
  /** Today's P&L of each book holding a position, at the marks, in its parts (the P&L gauges). */
  bookPnl(): { readonly accountId: string; readonly strategyId: string; readonly pnl: Pnl }[] {
    const books = new Map<string, { accountId: string; strategyId: string; parts: Pnl[] }>();
    for (const [accountId, strategyId, symbol, holding] of this.allHoldings()) {
      const k = key(accountId, strategyId);
      let book = books.get(k);
      if (book === undefined) {
        book = { accountId, strategyId, parts: [] };
        books.set(k, book);
      }
      const facts = this.factsOf(symbol);
      book.parts.push(pnlOf(holding.ledger, this.markOf(symbol), facts.multiplier));
    }
    return [...books.values()].map(({ accountId, strategyId, parts }) => ({
      accountId,
      strategyId,
      pnl: sumPnl(parts),
    }));
  }

  books(): BookExposure[] {
    return [...this.bookEntries.entries2()].flatMap(([accountId, strategyId, { totals: t }]) =>
      t.open === 0 && t.reserved === 0n && t.spent === 0n
        ? []
        : [{ accountId, strategyId, openOrders: t.open, reservedCash: t.reserved, spent: t.spent }],
    );
  }

  isConnectorDown(connectorId: string): boolean {
    return this.connectorsDown.has(connectorId);
  }

  /** Applies one stream event; idempotent, so redelivered events change nothing. */
  apply(event: GatewayEvent): void {
    switch (event.type) {
      case 'ORDER_STATUS': {
        const order = event.orderId === undefined ? undefined : this.orders.get(event.orderId);
        if (order === undefined) {
          return;
        }
        if (isTerminalState(orderStateOfXtStatus(event.payload.xtStatus))) {
          this.release(order.orderId);
        } else if (event.payload.filledQuantity > order.statusFilled) {
          this.refill(order, { statusFilled: event.payload.filledQuantity });
        }
        return;
      }
      case 'ORDER_ERROR':
        if (event.orderId !== undefined) {
          this.release(event.orderId);
        }
        return;
      case 'ROUTE_REFUSED':
        if (event.orderId !== undefined && event.payload.jobKind === 'PLACE') {
          this.release(event.orderId);
        }
        return;
      case 'TRADE':
        this.applyTrade(event);
        return;
      case 'CONNECTOR_STATUS':
        if (event.payload.state === 'DOWN') {
          this.connectorsDown.add(event.payload.connectorId);
        } else {
          this.connectorsDown.delete(event.payload.connectorId);
        }
        return;
      case 'ORDER_ACK':
      case 'CANCEL_ERROR':
      case 'ASSET':
      case 'POSITION':
        return;
    }
  }

  private applyTrade(event: Extract<GatewayEvent, { type: 'TRADE' }>): void {
    const tradeKey = key(event.accountId, event.payload.tradeId);
    if (this.appliedTrades.has(tradeKey)) {
      return;
    }
    this.appliedTrades.add(tradeKey);
    const order = event.orderId === undefined ? undefined : this.orders.get(event.orderId);
    const strategyId = event.strategyId ?? order?.strategyId;
    if (strategyId === undefined) {
      return;
    }
    const { symbol, quantity, price } = event.payload;
    const side = sideOfOrderType(event.payload.orderType);
    const amount = BigInt(event.payload.amount);
    const fee = BigInt(event.payload.commission);
    if (order !== undefined) {
      this.refill(order, { traded: order.traded + quantity });
    }
    this.totalsOf(event.accountId, strategyId, (t) => {
      t.spent += side === 'BUY' ? amount : -amount;
      t.fees += fee;
    });
    const holding = this.holding(event.accountId, strategyId, symbol);
    if (side === 'BUY') {
      holding.boughtToday += quantity;
    } else {
      holding.soldToday += quantity;
    }
    holding.ledger = applyFill(
      holding.ledger,
      { side, quantity, price: price as Price, fee: asMoney(fee) },
      this.factsOf(symbol).multiplier,
    );
    if (price > 0) {
      this.marks.set(symbol, price as Price);
    }
    for (const k of this.holdersBySymbol.get(symbol) ?? []) {
      const [accountId = '', holder = ''] = k.split('\u0000');
      this.remark(accountId, holder, symbol);
    }
  }

  private refill(order: OpenOrder, change: Partial<Pick<OpenOrder, 'statusFilled' | 'traded'>>) {
    this.detach(order);
    const next = { ...order, ...change };
    const filled = Math.min(Math.max(next.statusFilled, next.traded), next.quantity);
    const updated: OpenOrder = { ...next, filled };
    this.orders.set(order.orderId, updated);
    this.attach(updated);
  }

  private pendingNotional(order: Reservation): bigint {
    if (order.increases === false || (order.increases === undefined && order.side === 'SELL')) {
      return 0n;
    }
    const facts = this.factsOf(order.symbol);
    const price = order.limitPrice ?? this.marks.get(order.symbol) ?? facts.preClose;
    return BigInt(remaining(order)) * BigInt(price) * BigInt(facts.multiplier);
  }

  private attach(order: OpenOrder): void {
    this.move(order, 1);
  }

  private detach(order: OpenOrder): void {
    this.move(order, -1);
  }

  private move(order: OpenOrder, sign: 1 | -1): void {
    const left = remaining(order);
    const cash = BigInt(order.cashPerShare) * BigInt(left) * BigInt(sign);
    const pending = this.pendingNotional(order) * BigInt(sign);
    const reserved = order.side === 'BUY' ? cash : 0n;
    const entry = this.entry(order.accountId, order.strategyId);
    for (const t of [entry.totals, entry.account.totals]) {
      t.reserved += reserved;
      t.open += sign;
      t.pending += pending;
    }
    const holding = this.holdingOf(entry, order.accountId, order.strategyId, order.symbol);
    if (order.side === 'SELL') {
      holding.openSells += sign * left;
    } else {
      holding.pendingLong += sign * left;
    }
    const { resting } = entry.account;
    let bySide = resting.get(order.symbol);
    if (bySide === undefined) {
      bySide = { BUY: [], SELL: [] };
      resting.set(order.symbol, bySide);
    }
    if (sign === 1) {
      bySide[order.side].push({
        orderId: order.orderId,
        strategyId: order.strategyId,
        side: order.side,
        limitPrice: order.limitPrice ?? null,
        quantity: left,
      });
    } else {
      const list = bySide[order.side];
      const at = list.findIndex((r) => r.orderId === order.orderId);
      if (at >= 0) {
        list.splice(at, 1);
      }
    }
  }

  private holding(accountId: string, strategyId: string, symbol: string): Holding {
    return this.holdingOf(this.entry(accountId, strategyId), accountId, strategyId, symbol);
  }

  private holdingOf(
    entry: BookEntry,
    accountId: string,
    strategyId: string,
    symbol: string,
  ): Holding {
    let holding = entry.holdings.get(symbol);
    if (holding === undefined) {
      holding = {
        startOfDay: 0,
        boughtToday: 0,
        soldToday: 0,
        openSells: 0,
        pendingLong: 0,
        ledger: FLAT,
        exposure: 0n,
        value: 0n,
        pnl: 0n,
      };
      entry.holdings.set(symbol, holding);
      const holders = this.holdersBySymbol.get(symbol) ?? new Set<string>();
      holders.add(key(accountId, strategyId));
      this.holdersBySymbol.set(symbol, holders);
    }
    return holding;
  }

  /** Every holding of every book, as (account, strategy, symbol, holding). */
  private *allHoldings(): Generator<readonly [string, string, string, Holding]> {
    for (const [accountId, strategyId, entry] of this.bookEntries.entries2()) {
      for (const [symbol, holding] of entry.holdings) {
        yield [accountId, strategyId, symbol, holding];
      }
    }
  }

  /** Recomputes one position at the mark and moves its totals by the difference. */
  private remark(accountId: string, strategyId: string, symbol: string): void {
    const holding = this.holding(accountId, strategyId, symbol);
    const facts = this.factsOf(symbol);
    const mark = this.markOf(symbol);
    const notional = BigInt(holding.ledger.quantity) * BigInt(mark) * BigInt(facts.multiplier);
    const exposure = abs(notional);
    const value = notional > 0n ? notional : 0n;
    const pnl = BigInt(pnlOf(holding.ledger, mark, facts.multiplier).total);
    const dExposure = exposure - holding.exposure;
    const dValue = value - holding.value;
    const dPnl = pnl - holding.pnl;
    holding.exposure = exposure;
    holding.value = value;
    holding.pnl = pnl;
    if (dExposure === 0n && dValue === 0n && dPnl === 0n) {
      return;
    }
    this.totalsOf(accountId, strategyId, (t) => {
      t.positionExposure += dExposure;
      t.marketValue += dValue;
      t.pnl += dPnl;
    });
  }

  /** The last trade seen, else the previous close: what positions are valued at. */
  private markOf(symbol: string): Price {
    return this.marks.get(symbol) ?? this.factsOf(symbol).preClose;
  }

  private totals(accountId: string, strategyId?: string): Totals | undefined {
    return strategyId === undefined
      ? this.accounts.get(accountId)?.totals
      : this.bookEntries.get(accountId, strategyId)?.totals;
  }

  /** The book's entry, with its account's, created when missing. */
  private entry(accountId: string, strategyId: string): BookEntry {
    let entry = this.bookEntries.get(accountId, strategyId);
    if (entry === undefined) {
      let account = this.accounts.get(accountId);
      if (account === undefined) {
        account = { totals: emptyTotals(), resting: new Map() };
        this.accounts.set(accountId, account);
      }
      entry = { totals: emptyTotals(), account, holdings: new Map() };
      this.bookEntries.set(accountId, strategyId, undefined, entry);
    }
    return entry;
  }

  /** Applies one change to the book's totals and to its account's. */
  private totalsOf(accountId: string, strategyId: string, change: (t: Totals) => void): void {
    const entry = this.entry(accountId, strategyId);
    change(entry.totals);
    change(entry.account.totals);
  }
}
