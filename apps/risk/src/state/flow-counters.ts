import {
  RateWindow,
  addToDailyCount,
  dailyCountOn,
  type DailyCount,
  type FlowCounts,
} from '@qmt/domain';

interface BookFlow {
  readonly orders: RateWindow;
  readonly cancels: RateWindow;
  ordersToday: DailyCount | undefined;
  cancelsToday: DailyCount | undefined;
}

interface AccountFlow {
  readonly messages: RateWindow;
  messagesToday: DailyCount | undefined;
}

const key = (a: string, b: string): string => `${a}\u0000${b}`;

/** Identical orders further apart than this are never duplicates (the widest window allowed). */
const FINGERPRINT_HORIZON_MS = 60_000;

/**
 * Orders and cancels per book and per account, per second and per trading day (cn-market-rules
 * §8), the duplicate-order index and the futures counters. Only what reached the router counts:
 * a refused order never left the gateway, so it is no message to the exchange.
 */
export class FlowCounters {
  private readonly books = new Map<string, BookFlow>();
  private readonly accounts = new Map<string, AccountFlow>();
  // Two generations, swapped every horizon: memory stays bounded by the orders of the last two
  // minutes, and a look-up is two map reads however long the day.
  private fingerprints = new Map<string, number>();
  private olderFingerprints = new Map<string, number>();
  private generationStart = Number.NEGATIVE_INFINITY;
  private readonly futuresOpened = new Map<string, DailyCount>();
  private readonly futuresCancels = new Map<string, DailyCount>();

  counts(accountId: string, strategyId: string, nowMs: number, day: string): FlowCounts {
    const book = this.books.get(key(accountId, strategyId));
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
    return [...this.books].map(([k, book]) => {
      const [accountId = '', strategyId = ''] = k.split('\u0000');
      return {
        accountId,
        strategyId,
        orders: dailyCountOn(book.ordersToday, day),
        cancels: dailyCountOn(book.cancelsToday, day),
      };
    });
  }

  /** When the identical order was last sent, within the last minute; null when not. */
  lastIdentical(fingerprint: string, nowMs: number): number | null {
    const at = this.fingerprints.get(fingerprint) ?? this.olderFingerprints.get(fingerprint);
    return at === undefined || nowMs - at > FINGERPRINT_HORIZON_MS ? null : at;
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
    options: { fingerprint?: string; futuresOpen?: { symbol: string; quantity: number } } = {},
  ): void {
    const book = this.book(accountId, strategyId);
    book.orders.record(nowMs);
    book.ordersToday = addToDailyCount(book.ordersToday, day);
    this.message(accountId, nowMs, day);
    if (options.fingerprint !== undefined) {
      if (nowMs - this.generationStart >= FINGERPRINT_HORIZON_MS) {
        this.olderFingerprints = this.fingerprints;
        this.fingerprints = new Map();
        this.generationStart = nowMs;
      }
      this.fingerprints.set(options.fingerprint, nowMs);
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
    account.messages.record(nowMs);
    account.messagesToday = addToDailyCount(account.messagesToday, day);
  }

  private book(accountId: string, strategyId: string): BookFlow {
    const k = key(accountId, strategyId);
    let book = this.books.get(k);
    if (book === undefined) {
      book = {
        orders: new RateWindow(2),
        cancels: new RateWindow(2),
        ordersToday: undefined,
        cancelsToday: undefined,
      };
      this.books.set(k, book);
    }
    return book;
  }

  private account(accountId: string): AccountFlow {
    let account = this.accounts.get(accountId);
    if (account === undefined) {
      account = { messages: new RateWindow(2), messagesToday: undefined };
      this.accounts.set(accountId, account);
    }
    return account;
  }
}
