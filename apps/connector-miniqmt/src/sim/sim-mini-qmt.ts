import {
  XtAccountStatusCode,
  tradingCalendar,
  type XtAccountStatus,
  type XtAsset,
  type XtCallback,
  type XtOrder,
  type XtPosition,
  type XtTrade,
} from '@qmt/domain';
import { type MiniQmtSession, type XtAccountRef } from '../session/mini-qmt-session.port.js';
import type { XtAccountInfo, XtTick } from '../session/xt-records.js';
import { SimBrokerState } from './sim-broker-state.js';
import { SimCounter } from './sim-broker.js';
import { SimCallbackPump } from './sim-callback-pump.js';
import { SimClock } from './sim-clock.js';
import {
  DEFAULT_DAILY_VOLUME,
  DEFAULT_IPO_QUOTA,
  priceOrThrow,
  simInstrumentsOf,
  type SimConfig,
} from './sim-config.js';
import { NO_FAULTS, seededRandom, type SimFaults } from './sim-faults.js';
import { SimJournal } from './sim-journal.js';
import { xtMarketFromArgument } from './sim-market-rules.js';
import { xtTickOf } from './sim-market-data.js';
import { SimQueries } from './sim-queries.js';
import { isCancellable } from './sim-order.js';
import { SimQuoteBook, type SimTickInput } from './sim-quote-book.js';
import { CsvReplay } from './quotes/csv-replay.js';
import { StaticQuotes, type QuoteSource } from './quotes/quote-source.js';
import { SyntheticTicks } from './quotes/synthetic-ticks.js';

export type { SimConfig } from './sim-config.js';

/** Refused like a dead XtQuantTrader: nothing reached the terminal. */
export class SimNotConnectedError extends Error {
  override readonly name = 'SimNotConnectedError';
}

/**
 * A simulated miniQMT terminal (xtquant-api §5.27) in front of a simulated broker: the session
 * side (connect with fresh session ids, subscriptions, seqs, the callback thread, the faults
 * a terminal shows to its caller) over SimCounter (admission, matching, books) and its durable
 * state. The broker outlives sessions and, with a stateDir, the process.
 */
export class SimMiniQmt extends SimQueries {
  readonly quotes: SimQuoteBook;
  readonly clock: SimClock;
  private readonly pump: SimCallbackPump;
  private readonly source: QuoteSource;
  private readonly random: () => number;
  private faults: SimFaults = NO_FAULTS;
  private connected = false;
  private currentSession: number | null = null;
  private lastSession = 0;
  private readonly lingering = new Set<number>();
  private downUntil = 0;
  private readonly subscribed = new Set<string>();
  private seq = 0;
  private readonly quoteListeners = new Map<
    number,
    { code: string; listener: (tick: XtTick) => void }
  >();
  private nextSubscription = 1;

  constructor(config: SimConfig) {
    const clock = new SimClock(config.now, config.speed ?? 1);
    const instruments = simInstrumentsOf(config);
    const consume = config.quotes !== undefined && config.quotes.source !== 'static';
    const quotes = new SimQuoteBook(instruments, consume);
    const state = new SimBrokerState(
      config.accounts,
      config.idBase ?? Math.floor(clock.now().getTime() / 1000) % 10_000_000,
      clock.now(),
      config.stateDir === undefined ? undefined : new SimJournal(config.stateDir),
      (symbol) => quotes.instrument(symbol)?.preClose ?? 0,
    );
    const random = seededRandom(config.faultSeed ?? 1);
    let faults: () => SimFaults = () => NO_FAULTS;
    const counter = new SimCounter({
      state,
      quotes,
      clock,
      faults: () => faults(),
      random,
      ipo: config.ipo ?? {},
      acceptsOrders: config.acceptsOrders ?? (() => true),
    });
    super(
      counter,
      state,
      quotes,
      clock,
      config.ipo ?? {},
      config.ipoQuota ?? DEFAULT_IPO_QUOTA,
      config.quotes?.source === 'synthetic'
        ? (config.quotes.dailyVolume ?? DEFAULT_DAILY_VOLUME)
        : DEFAULT_DAILY_VOLUME,
      tradingCalendar(config.holidays ?? []),
    );
    faults = () => this.faults;
    this.quotes = quotes;
    this.clock = clock;
    this.random = random;
    this.pump = new SimCallbackPump(clock, config.latencyMs ?? 0, () => this.faults, random);
    counter.setSink((callback) => this.deliver(callback));
    this.source = this.quoteSource(config, instruments);
  }

  // --- lifecycle ----------------------------------------------------------------------------

  connect(): Promise<void> {
    if (this.connected) {
      return Promise.resolve();
    }
    if (this.clock.now().getTime() < this.downUntil) {
      return Promise.reject(
        new SimNotConnectedError('connect() returned -1: miniQMT is not running'),
      );
    }
    const reuse = this.faults.lingeringSession && this.lastSession !== 0;
    const session = reuse ? this.lastSession : this.freshSessionId();
    if (reuse) {
      this.faults = { ...this.faults, lingeringSession: false };
    }
    if (this.lingering.has(session)) {
      return Promise.reject(
        new SimNotConnectedError(
          `connect() returned -1: session ${session} is still held by the terminal`,
        ),
      );
    }
    this.connected = true;
    this.currentSession = session;
    this.lastSession = session;
    this.source.start((symbol, tick) => this.applyTick(symbol, tick));
    return Promise.resolve();
  }

  disconnect(): Promise<void> {
    if (this.connected) {
      this.drop();
    }
    this.source.stop();
    return Promise.resolve();
  }

  /** Stops quotes and timers and writes the broker's state (the sim is done for good). */
  close(): void {
    this.source.stop();
    this.connected = false;
    this.state.close();
  }

  isConnected(): boolean {
    return this.connected;
  }

  sessionId(): number | null {
    return this.currentSession;
  }

  onCallback(listener: (callback: XtCallback) => void): void {
    this.pump.listen(listener);
  }

  subscribe(account: XtAccountRef): Promise<number> {
    if (!this.connected || this.counter.book(account.account_id) === undefined) {
      return Promise.resolve(-1);
    }
    this.subscribed.add(account.account_id);
    return Promise.resolve(0);
  }

  unsubscribe(account: XtAccountRef): Promise<number> {
    return Promise.resolve(this.subscribed.delete(account.account_id) ? 0 : -1);
  }

  // --- faults and control ---------------------------------------------------------------------

  currentFaults(): SimFaults {
    return this.faults;
  }

  setFaults(faults: Partial<SimFaults>): SimFaults {
    this.faults = { ...this.faults, ...faults };
    return this.faults;
  }

  /**
   * The terminal drops this session (client crash, restart): on_disconnected, then silence; its
   * session id lingers, and connect() fails until `downForMs` (sim time) have passed.
   */
  dropConnection(downForMs = 0): void {
    if (this.currentSession !== null) {
      this.lingering.add(this.currentSession);
    }
    this.downUntil = this.clock.now().getTime() + downForMs;
    if (this.connected) {
      this.drop();
    }
  }

  /** An account's counter link changes state (on_account_status). */
  pushAccountStatus(accountId: string, status: number): void {
    const book = this.counter.book(accountId);
    if (book !== undefined && this.connected) {
      this.pump.emit({
        callback: 'on_account_status',
        data: { account_type: book.accountType, account_id: accountId, status },
      });
    }
  }

  /** Moves the quote and fills resting orders it crosses (the /v1/sim/ticks control API). */
  setQuote(symbol: string, last: number, bid?: number, ask?: number, depth?: number): void {
    this.applyTick(symbol, {
      last: priceOrThrow(last, symbol),
      ...(bid === undefined ? {} : { bid: priceOrThrow(bid, symbol) }),
      ...(ask === undefined ? {} : { ask: priceOrThrow(ask, symbol) }),
      ...(depth === undefined ? {} : { depth }),
      time: this.clock.now().getTime(),
    });
  }

  /** Callbacks queued on the sim's callback thread, not yet delivered. */
  pendingCallbacks(): number {
    return this.pump.pending;
  }

  // --- orders -------------------------------------------------------------------------------

  orderStock(...args: Parameters<MiniQmtSession['orderStock']>): Promise<number> {
    return this.answer(this.place(args, null));
  }

  orderStockAsync(...args: Parameters<MiniQmtSession['orderStockAsync']>): Promise<number> {
    if (!this.connected) {
      return Promise.resolve(-1);
    }
    const seq = ++this.seq;
    const orderId = this.place(args, seq);
    return this.answer(orderId < 0 || this.minusOne() ? -1 : seq);
  }

  cancelOrderStock(account: XtAccountRef, orderId: number): Promise<number> {
    return Promise.resolve(
      this.connected ? this.counter.cancel(account.account_id, { orderId }, null) : -1,
    );
  }

  cancelOrderStockAsync(account: XtAccountRef, orderId: number): Promise<number> {
    if (!this.connected) {
      return Promise.resolve(-1);
    }
    const seq = ++this.seq;
    this.counter.cancel(account.account_id, { orderId }, seq);
    return Promise.resolve(seq);
  }

  cancelOrderStockSysid(
    account: XtAccountRef,
    market: number | string,
    sysid: string,
  ): Promise<number> {
    if (!this.connected || xtMarketFromArgument(market) < 0) {
      return Promise.resolve(-1);
    }
    return Promise.resolve(this.counter.cancel(account.account_id, { sysId: sysid }, null));
  }

  cancelOrderStockSysidAsync(
    account: XtAccountRef,
    market: number | string,
    sysid: string,
  ): Promise<number> {
    if (!this.connected || xtMarketFromArgument(market) < 0) {
      return Promise.resolve(-1);
    }
    const seq = ++this.seq;
    this.counter.cancel(account.account_id, { sysId: sysid }, seq);
    return Promise.resolve(seq);
  }

  // --- queries (the terminal's cache; refused on a dead session) -------------------------------

  override queryAccountInfos(): Promise<XtAccountInfo[]> {
    return this.whenConnected(() => super.accountInfos());
  }

  override queryAccountStatus(): Promise<XtAccountStatus[]> {
    return this.whenConnected(() =>
      [...this.state.books.values()].map((b) => ({
        account_type: b.accountType,
        account_id: b.accountId,
        status: XtAccountStatusCode.ACCOUNT_STATUS_OK,
      })),
    );
  }

  override queryStockOrders(account: XtAccountRef, cancelableOnly = false): Promise<XtOrder[]> {
    return this.whenConnected(() =>
      [...this.state.orders.values()]
        .filter((o) => o.accountId === account.account_id && (!cancelableOnly || isCancellable(o)))
        .map((o) => this.counter.xtOrder(o)),
    );
  }

  override queryStockTrades(account: XtAccountRef): Promise<XtTrade[]> {
    return this.whenConnected(() =>
      this.state.trades.filter((t) => t.account_id === account.account_id),
    );
  }

  override queryStockAsset(account: XtAccountRef): Promise<XtAsset | null> {
    return this.whenConnected(() => super.asset(account.account_id));
  }

  override queryStockPositions(account: XtAccountRef): Promise<XtPosition[]> {
    return this.whenConnected(() => super.positions(account.account_id));
  }

  // --- market data ----------------------------------------------------------------------------

  subscribeQuote(stockCode: string, listener: (tick: XtTick) => void): Promise<number> {
    if (this.quotes.instrument(stockCode) === undefined) {
      return Promise.resolve(-1);
    }
    const id = this.nextSubscription++;
    this.quoteListeners.set(id, { code: stockCode, listener });
    return Promise.resolve(id);
  }

  unsubscribeQuote(subscriptionId: number): Promise<void> {
    this.quoteListeners.delete(subscriptionId);
    return Promise.resolve();
  }

  // --- inside ---------------------------------------------------------------------------------

  private place(args: Parameters<MiniQmtSession['orderStock']>, seq: number | null): number {
    if (!this.connected) {
      return -1;
    }
    const [
      account,
      stockCode,
      orderType,
      orderVolume,
      priceType,
      price,
      strategyName,
      orderRemark,
    ] = args;
    const orderId = this.counter.place(
      {
        accountId: account.account_id,
        stockCode,
        orderType,
        orderVolume,
        priceType,
        price,
        strategyName,
        orderRemark,
      },
      seq,
    );
    return seq === null && this.minusOne() ? -1 : orderId;
  }

  /** A place's answer, late when the terminal hangs (the order is live meanwhile). */
  private async answer(value: number): Promise<number> {
    if (this.faults.placeHangMs > 0) {
      await this.clock.sleep(this.faults.placeHangMs);
    }
    return value;
  }

  /** The quirk of a place answering -1 while its order lives (anchors §5). */
  private minusOne(): boolean {
    return this.faults.placeMinusOneRate > 0 && this.random() < this.faults.placeMinusOneRate;
  }

  private applyTick(symbol: string, tick: SimTickInput): void {
    const quote = this.quotes.setQuote(symbol, tick);
    this.counter.onQuote(symbol);
    const instrument = this.quotes.instrument(symbol);
    if (instrument === undefined) {
      return;
    }
    for (const { code, listener } of this.quoteListeners.values()) {
      if (code === symbol) {
        try {
          listener(xtTickOf(instrument, quote));
        } catch {
          // A quote listener's failure is its own.
        }
      }
    }
  }

  /**
   * Pushes reach a live session only: what happens at the broker while it is down is heard of
   * by querying after the reconnect. The sim's one session placed every order it knows, and
   * the placing session hears its own orders, so pushes are not filtered by subscription.
   */
  private deliver(callback: XtCallback): void {
    if (this.connected) {
      this.pump.emit(callback);
    }
  }

  private drop(): void {
    this.connected = false;
    this.currentSession = null;
    this.subscribed.clear();
    // What the dead session had queued never reaches it; then the one on_disconnected.
    this.pump.clear();
    this.pump.emit({ callback: 'on_disconnected', data: {} });
  }

  private freshSessionId(): number {
    // Time-based and never the last one, like vnpy_xt's HHMMSS.ffffff ids (§5.4).
    const candidate = Math.floor(this.clock.now().getTime() % 1_000_000_000);
    return candidate <= this.lastSession ? this.lastSession + 1 : candidate;
  }

  private whenConnected<T>(answer: () => T): Promise<T> {
    return this.connected
      ? Promise.resolve(answer())
      : Promise.reject(new SimNotConnectedError('the miniQMT session is not connected'));
  }

  private quoteSource(
    config: SimConfig,
    instruments: ReturnType<typeof simInstrumentsOf>,
  ): QuoteSource {
    const quotes = config.quotes ?? { source: 'static' };
    switch (quotes.source) {
      case 'static':
        return new StaticQuotes();
      case 'synthetic':
        return new SyntheticTicks(instruments, this.clock, {
          seed: quotes.seed ?? 1,
          intervalMs: quotes.intervalMs ?? 3_000,
          dailyVolume: quotes.dailyVolume ?? DEFAULT_DAILY_VOLUME,
          alwaysOpen: config.alwaysOpen ?? false,
        });
      case 'csv':
        return new CsvReplay(quotes.file, this.clock, quotes.loop ?? false);
    }
  }
}
