import {
  DuplicateIndex,
  RateWindow,
  addToDailyCount,
  dailyCountOn,
  type DailyCount,
  type FlowCounts,
  type RiskOrder,
} from '@qmt/domain';
import { NestedMap } from './nested-map.js';

interface BookFlow {
  readonly orders: RateWindow;
  readonly cancels: RateWindow;
  ordersToday: DailyCount | undefined;
  cancelsToday: DailyCount | undefined;
  readonly duplicates: DuplicateIndex;
}

interface AccountFlow {
  readonly messages: RateWindow;
  messagesToday: DailyCount | undefined;
  /** Most messages in one second since the gauges last read it (takeMessagePeaks). */
  peakPerSecond: number;
}

const key = (a: string, b: string): string => `${a}\u0000${b}`;

/**
 * Orders and cancels per book and per account, per second and per trading day (cn-market-rules
 * §8), the duplicate-order index and the futures counters. Only what reached the router counts:
 * a refused order never left the gateway, so it is no message to the exchange.
 */
export class FlowCounters {
  private readonly books = new NestedMap<BookFlow>();
  private readonly accounts = new Map<string, AccountFlow>();
  private readonly futuresOpened = new Map<string, DailyCount>();
  private readonly futuresCancels = new Map<string, DailyCount>();

  counts(accountId: string, strategyId: string, nowMs: number, day: string): FlowCounts {
    const book = this.books.get(accountId, strategyId);
    const account = this.accounts.get(accountId);
    return {
      bookOrdersLastSecond: book?.orders.countSince(nowMs, 1_000) ?? 0,
      bookOrdersToday: dailyCountOn(book?.ordersToday, day),
      bookCancelsLastSecond: book?.cancels.countSince(nowMs, 1_000) ?? 0,
      bookCancelsToday: dailyCountOn(book?.cancelsToday, day),
      accountMessagesLastSecond: account?.messages.countSince(nowMs, 1_000) ?? 0,
      accountMessagesToday: dailyCountOn(account?.messagesToday, day),
    };
  }

  /** Each book's orders and cancels on `day` (the daily budget gauges read them at scrape). */
  dailyByBook(
    day: string,
  ): { accountId: string; strategyId: string; orders: number; cancels: number }[] {
    return [...this.books.entries2()].map(([accountId, strategyId, book]) => ({
      accountId,
      strategyId,
      orders: dailyCountOn(book.ordersToday, day),
      cancels: dailyCountOn(book.cancelsToday, day),
    }));
  }

  /**
   * Each account's most messages in one second since the last call, and today's messages; the
   * peaks start again from zero (the programmatic-usage gauges read them at scrape).
   */
  takeMessagePeaks(day: string): { accountId: string; perSecond: number; today: number }[] {
    return [...this.accounts].map(([accountId, account]) => {
      const perSecond = account.peakPerSecond;
      account.peakPerSecond = 0;
      return { accountId, perSecond, today: dailyCountOn(account.messagesToday, day) };
    });
  }

  /** When the book last sent the identical order, within the last minute; null when not. */
  lastIdentical(
    accountId: string,
    strategyId: string,
    order: RiskOrder,
    nowMs: number,
  ): number | null {
    return this.books.get(accountId, strategyId)?.duplicates.lastAt(order, nowMs) ?? null;
  }

  futuresOpenedToday(accountId: string, symbol: string, day: string): number {
    return dailyCountOn(this.futuresOpened.get(key(accountId, symbol)), day);
  }

  futuresCancelsToday(accountId: string, symbol: string, day: string): number {
    return dailyCountOn(this.futuresCancels.get(key(accountId, symbol)), day);
  }

  recordOrder(
    accountId: string,
    strategyId: string,
    nowMs: number,
    day: string,
    options: { order?: RiskOrder; futuresOpen?: { symbol: string; quantity: number } } = {},
  ): void {
    const book = this.book(accountId, strategyId);
    book.orders.record(nowMs);
    book.ordersToday = addToDailyCount(book.ordersToday, day);
    this.message(accountId, nowMs, day);
    if (options.order !== undefined) {
      book.duplicates.record(options.order, nowMs);
    }
    if (options.futuresOpen !== undefined) {
      const k = key(accountId, options.futuresOpen.symbol);
      this.futuresOpened.set(
        k,
        addToDailyCount(this.futuresOpened.get(k), day, options.futuresOpen.quantity),
      );
    }
  }

  recordCancel(
    accountId: string,
    strategyId: string,
    nowMs: number,
    day: string,
    futuresSymbol?: string,
  ): void {
    const book = this.book(accountId, strategyId);
    book.cancels.record(nowMs);
    book.cancelsToday = addToDailyCount(book.cancelsToday, day);
    this.message(accountId, nowMs, day);
    if (futuresSymbol !== undefined) {
      const k = key(accountId, futuresSymbol);
      this.futuresCancels.set(k, addToDailyCount(this.futuresCancels.get(k), day));
    }
  }

  /** Today's counts read back from Postgres after a restart (no per-second history). */
  seedDay(accountId: string, strategyId: string, day: string, orders: number, cancels: number) {
    const book = this.book(accountId, strategyId);
    book.ordersToday = addToDailyCount(book.ordersToday, day, orders);
    book.cancelsToday = addToDailyCount(book.cancelsToday, day, cancels);
    const account = this.account(accountId);
    account.messagesToday = addToDailyCount(account.messagesToday, day, orders + cancels);
  }

  private message(accountId: string, nowMs: number, day: string): void {
    const account = this.account(accountId);
    const thisSecond = account.messages.record(nowMs);
    if (thisSecond > account.peakPerSecond) {
      account.peakPerSecond = thisSecond;
    }
    account.messagesToday = addToDailyCount(account.messagesToday, day);
  }

  private book(accountId: string, strategyId: string): BookFlow {
    let book = this.books.get(accountId, strategyId);
    if (book === undefined) {
      book = {
        orders: new RateWindow(2),
        cancels: new RateWindow(2),
        ordersToday: undefined,
        cancelsToday: undefined,
        duplicates: new DuplicateIndex(),
      };
      this.books.set(accountId, strategyId, undefined, book);
    }
    return book;
  }

  private account(accountId: string): AccountFlow {
    let account = this.accounts.get(accountId);
    if (account === undefined) {
      account = { messages: new RateWindow(2), messagesToday: undefined, peakPerSecond: 0 };
      this.accounts.set(accountId, account);
    }
    return account;
  }
}
