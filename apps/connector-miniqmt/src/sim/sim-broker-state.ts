import { XtAccountType, asMoney, moneyFromYuan, tradingDayOf, type XtTrade } from '@qmt/domain';
import type { AccountBook } from './sim-book.js';
import { CreditBook, type CreditBookState } from './sim-credit-book.js';
import { DerivativesBook, type DerivativesBookState } from './sim-derivatives-book.js';
import { StockBook, type StockBookState } from './sim-stock-book.js';
import type { SimJournal, JournalRecord } from './sim-journal.js';
import type { SimOrder } from './sim-order.js';

export interface SimAccountConfig {
  readonly accountId: string;
  readonly accountType: number;
  /** Opening cash in yuan (ignored once the broker has state of its own). */
  readonly cash: number;
  readonly positions: readonly { readonly symbol: string; readonly volume: number }[];
}

interface Meta {
  nextOrderId: number;
  nextSysId: number;
  nextTradeId: number;
  /** Trading day 'YYYY-MM-DD' the orders and trades belong to. */
  day: string;
}

function bookOf(accountType: number, state: unknown): AccountBook {
  switch (accountType) {
    case XtAccountType.CREDIT_ACCOUNT:
      return new CreditBook(state as CreditBookState);
    case XtAccountType.FUTURE_ACCOUNT:
    case XtAccountType.FUTURE_OPTION_ACCOUNT:
    case XtAccountType.STOCK_OPTION_ACCOUNT:
      return new DerivativesBook(state as DerivativesBookState);
    default:
      return new StockBook(state as StockBookState);
  }
}

/** Opening holdings are carried at the previous close (their cost basis is not configured). */
function openingState(account: SimAccountConfig, preCloseOf: (symbol: string) => number): unknown {
  const cash = moneyFromYuan(account.cash);
  const positions = account.positions.map((p) => ({
    symbol: p.symbol,
    volume: p.volume,
    cost: asMoney(BigInt(preCloseOf(p.symbol)) * BigInt(p.volume)),
  }));
  switch (account.accountType) {
    case XtAccountType.CREDIT_ACCOUNT:
      return CreditBook.openCredit(account.accountId, account.accountType, cash, positions);
    case XtAccountType.FUTURE_ACCOUNT:
    case XtAccountType.FUTURE_OPTION_ACCOUNT:
    case XtAccountType.STOCK_OPTION_ACCOUNT:
      return DerivativesBook.openBook(account.accountId, account.accountType, cash);
    default:
      return StockBook.open(account.accountId, account.accountType, cash, positions);
  }
}

/**
 * What the sim broker knows, as a broker would keep it: books, today's orders and trades, its
 * id counters. With a journal every change is written before it is announced; a new trading
 * day rolls the books (T+1) and forgets yesterday's orders, as query_stock_orders does.
 */
export class SimBrokerState {
  readonly books = new Map<string, AccountBook>();
  readonly orders = new Map<number, SimOrder>();
  readonly trades: XtTrade[] = [];
  private meta: Meta;
  private readonly dirty = new Map<string, unknown>();

  constructor(
    accounts: readonly SimAccountConfig[],
    idBase: number,
    now: Date,
    private readonly journal?: SimJournal,
    /** Previous close of a code in price units (0 when unknown). */
    preCloseOf: (symbol: string) => number = () => 0,
  ) {
    const stored = journal?.load() ?? new Map<string, unknown>();
    const meta = stored.get('meta') as Meta | undefined;
    this.meta = meta ?? {
      nextOrderId: idBase * 1000 + 1,
      nextSysId: idBase * 1000 + 1,
      nextTradeId: idBase * 1000 + 1,
      day: tradingDayOf(now),
    };
    for (const account of accounts) {
      const state = stored.get(`book:${account.accountId}`) ?? openingState(account, preCloseOf);
      this.books.set(account.accountId, bookOf(account.accountType, state));
    }
    for (const [key, value] of stored) {
      if (key.startsWith('order:') && value !== null) {
        const order = value as SimOrder;
        this.orders.set(order.orderId, order);
      } else if (key.startsWith('trade:') && value !== null) {
        this.trades.push(value as XtTrade);
      }
    }
    this.trades.sort((a, b) => a.traded_time - b.traded_time);
    this.rollIfNewDay(now);
    this.compact();
  }

  nextOrderId(): number {
    const id = this.meta.nextOrderId++;
    this.touchMeta();
    return id;
  }

  nextSysId(): string {
    const id = this.meta.nextSysId++;
    this.touchMeta();
    return String(id);
  }

  nextTradeId(): string {
    const id = this.meta.nextTradeId++;
    this.touchMeta();
    return `T${id}`;
  }

  touchOrder(order: SimOrder): void {
    this.dirty.set(`order:${order.orderId}`, order);
  }

  addTrade(trade: XtTrade): void {
    this.trades.push(trade);
    this.dirty.set(`trade:${trade.traded_id}`, trade);
  }

  touchBook(book: AccountBook): void {
    this.dirty.set(`book:${book.accountId}`, book.state());
  }

  /** Writes what changed since the last flush (before its callbacks are delivered). */
  flush(): void {
    if (this.journal === undefined || this.dirty.size === 0) {
      this.dirty.clear();
      return;
    }
    const records: JournalRecord[] = [...this.dirty].map(([key, value]) => ({ key, value }));
    this.dirty.clear();
    this.journal.append(records);
  }

  /** A new trading day: books roll, day orders and trades are gone. True when it rolled. */
  rollIfNewDay(now: Date): boolean {
    const day = tradingDayOf(now);
    if (day === this.meta.day) {
      return false;
    }
    this.meta.day = day;
    for (const book of this.books.values()) {
      book.rollDay();
    }
    this.orders.clear();
    this.trades.length = 0;
    this.compact();
    return true;
  }

  close(): void {
    this.flush();
    this.journal?.close();
  }

  private touchMeta(): void {
    this.dirty.set('meta', this.meta);
  }

  private compact(): void {
    this.dirty.clear();
    if (this.journal === undefined) {
      return;
    }
    const state = new Map<string, unknown>([['meta', this.meta]]);
    for (const book of this.books.values()) {
      state.set(`book:${book.accountId}`, book.state());
    }
    for (const order of this.orders.values()) {
      state.set(`order:${order.orderId}`, order);
    }
    for (const trade of this.trades) {
      state.set(`trade:${trade.traded_id}`, trade);
    }
    this.journal.compact(state);
  }
}
