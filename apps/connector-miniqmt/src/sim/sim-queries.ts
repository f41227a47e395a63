import {
  XtAccountStatusCode,
  XtAccountType,
  moneyFromYuan,
  type Price,
  type XtAccountStatus,
  type XtAsset,
  type XtOrder,
  type XtPosition,
  type XtTrade,
} from '@qmt/domain';
import {
  MiniQmtSession,
  type XtAccountRef,
  type XtBarRequest,
} from '../session/mini-qmt-session.port.js';
import {
  SessionCapability,
  type SessionCapabilityName,
  type XtAccountInfo,
  type XtBar,
  type XtCreditAssure,
  type XtCreditDetail,
  type XtCreditSloCode,
  type XtCreditSubject,
  type XtInstrumentDetail,
  type XtIpoInfo,
  type XtPositionStatistics,
  type XtSmartAlgoTask,
  type XtStkCompact,
  type XtTick,
  type XtTransferResult,
} from '../session/xt-records.js';
import { CreditBook } from './sim-credit-book.js';
import { DerivativesBook } from './sim-derivatives-book.js';
import type { SimBrokerState } from './sim-broker-state.js';
import type { SimCounter } from './sim-broker.js';
import type { SimClock } from './sim-clock.js';
import { instrumentDetailOf, simMinuteBars, simTradingDays, xtTickOf } from './sim-market-data.js';
import type { SimInstrument, SimQuoteBook } from './sim-quote-book.js';

/**
 * The sim's answers to the queries, transfers and xtdata calls, as a real terminal gives them
 * for each account type: a credit query of a cash account is an empty list, a broker smart
 * algo is not exposed (-1, as on a build without it).
 */
export abstract class SimQueries extends MiniQmtSession {
  constructor(
    protected readonly counter: SimCounter,
    protected readonly state: SimBrokerState,
    private readonly book: SimQuoteBook,
    private readonly simClock: SimClock,
    private readonly ipo: Readonly<Record<string, XtIpoInfo>>,
    private readonly ipoQuota: Readonly<Record<string, number>>,
    private readonly dailyVolume: number,
    /** The desk's trading calendar (YYYY-MM-DD days). */
    private readonly isTradingDay: (day: string) => boolean,
  ) {
    super();
  }

  capabilities(): readonly SessionCapabilityName[] {
    const types = new Set([...this.state.books.values()].map((b) => b.accountType));
    return [
      ...(types.has(XtAccountType.CREDIT_ACCOUNT) ? [SessionCapability.CREDIT] : []),
      ...(types.has(XtAccountType.FUTURE_ACCOUNT) ? [SessionCapability.FUTURES] : []),
      ...(types.has(XtAccountType.STOCK_OPTION_ACCOUNT) ? [SessionCapability.STOCK_OPTIONS] : []),
      SessionCapability.IPO,
      SessionCapability.BANK_TRANSFER,
      SessionCapability.MARKET_DATA,
    ];
  }

  protected accountInfos(): XtAccountInfo[] {
    return [...this.state.books.values()].map((b) => ({
      account_type: b.accountType,
      account_id: b.accountId,
      broker_type: b.accountType,
      platform_id: 0,
      account_classification: 0,
      login_status: XtAccountStatusCode.ACCOUNT_STATUS_OK,
    }));
  }

  protected asset(accountId: string): XtAsset | null {
    return this.counter.book(accountId)?.asset(this.mark, this.instrumentOf) ?? null;
  }

  protected positions(accountId: string): XtPosition[] {
    return this.counter.book(accountId)?.positions(this.mark, this.instrumentOf) ?? [];
  }

  abstract override queryAccountInfos(): Promise<XtAccountInfo[]>;
  abstract override queryAccountStatus(): Promise<XtAccountStatus[]>;
  abstract override queryStockOrders(
    account: XtAccountRef,
    cancelableOnly?: boolean,
  ): Promise<XtOrder[]>;
  abstract override queryStockTrades(account: XtAccountRef): Promise<XtTrade[]>;

  async queryStockOrder(account: XtAccountRef, orderId: number): Promise<XtOrder | null> {
    return (await this.queryStockOrders(account)).find((o) => o.order_id === orderId) ?? null;
  }

  async queryStockPosition(account: XtAccountRef, stockCode: string): Promise<XtPosition | null> {
    return (
      (await this.queryStockPositions(account)).find((p) => p.stock_code === stockCode) ?? null
    );
  }

  queryPositionStatistics(account: XtAccountRef): Promise<XtPositionStatistics[]> {
    const book = this.counter.book(account.account_id);
    return Promise.resolve(
      book instanceof DerivativesBook && book.accountType === XtAccountType.FUTURE_ACCOUNT
        ? book.statistics(this.mark, this.instrumentOf)
        : [],
    );
  }

  queryCreditDetail(account: XtAccountRef): Promise<XtCreditDetail[]> {
    const book = this.credit(account);
    const now = Math.floor(this.simClock.now().getTime() / 1000);
    return Promise.resolve(book === undefined ? [] : [book.creditDetail(this.mark, now)]);
  }

  queryStkCompacts(account: XtAccountRef): Promise<XtStkCompact[]> {
    return Promise.resolve(this.credit(account)?.compacts() ?? []);
  }

  queryCreditSubjects(account: XtAccountRef): Promise<XtCreditSubject[]> {
    return Promise.resolve(this.credit(account)?.subjects(this.book.allInstruments()) ?? []);
  }

  queryCreditSloCode(account: XtAccountRef): Promise<XtCreditSloCode[]> {
    return Promise.resolve(this.credit(account)?.sloCodes(this.book.allInstruments()) ?? []);
  }

  queryCreditAssure(account: XtAccountRef): Promise<XtCreditAssure[]> {
    return Promise.resolve(this.credit(account)?.assure(this.book.allInstruments()) ?? []);
  }

  queryNewPurchaseLimit(account: XtAccountRef): Promise<Record<string, number>> {
    const book = this.counter.book(account.account_id);
    const cashAccount =
      book?.accountType === XtAccountType.SECURITY_ACCOUNT ||
      book?.accountType === XtAccountType.CREDIT_ACCOUNT;
    return Promise.resolve(cashAccount ? { ...this.ipoQuota } : {});
  }

  queryIpoData(): Promise<Record<string, XtIpoInfo>> {
    return Promise.resolve({ ...this.ipo });
  }

  querySmartAlgoTask(): Promise<XtSmartAlgoTask[]> {
    return Promise.resolve([]);
  }

  smtQueryQuoter(): Promise<Record<string, unknown>[]> {
    return Promise.resolve([]);
  }

  smartAlgoOrderAsync(): Promise<number> {
    return Promise.resolve(-1);
  }

  cancelSmartAlgoTaskAsync(): Promise<number> {
    return Promise.resolve(-1);
  }

  bankTransferIn(
    account: XtAccountRef,
    _bankNo: string,
    _bankAccount: string,
    balance: number,
  ): Promise<XtTransferResult> {
    return Promise.resolve(this.transfer(account, balance));
  }

  bankTransferOut(
    account: XtAccountRef,
    _bankNo: string,
    _bankAccount: string,
    balance: number,
  ): Promise<XtTransferResult> {
    return Promise.resolve(this.transfer(account, -balance));
  }

  fundTransfer(): Promise<XtTransferResult> {
    // The sim has one counter and one node: nothing to move between.
    return Promise.resolve({ success: false, msg: '模拟柜台无极速柜台/节点' });
  }

  getFullTick(codes: readonly string[]): Promise<Record<string, XtTick>> {
    const ticks: Record<string, XtTick> = {};
    for (const code of codes) {
      const instrument = this.book.instrument(code);
      const quote = this.book.quote(code);
      if (instrument !== undefined && quote !== undefined) {
        ticks[code] = xtTickOf(instrument, quote);
      }
    }
    return Promise.resolve(ticks);
  }

  getInstrumentDetail(stockCode: string): Promise<XtInstrumentDetail | null> {
    const instrument = this.book.instrument(stockCode);
    return Promise.resolve(instrument === undefined ? null : instrumentDetailOf(instrument));
  }

  getMarketData(codes: readonly string[], request: XtBarRequest): Promise<Record<string, XtBar[]>> {
    const bars: Record<string, XtBar[]> = {};
    for (const code of codes) {
      const instrument = this.book.instrument(code);
      if (instrument !== undefined) {
        bars[code] = simMinuteBars(
          instrument,
          request,
          this.simClock.now(),
          this.dailyVolume,
          this.isTradingDay,
        );
      }
    }
    return Promise.resolve(bars);
  }

  getTradingCalendar(market: string, startTime: string, endTime: string): Promise<string[]> {
    if (market !== 'SH' && market !== 'SZ') {
      // xtdata raises for other markets (§4.6).
      return Promise.reject(new Error(`get_trading_calendar supports SH and SZ, not ${market}`));
    }
    return Promise.resolve(simTradingDays(startTime, endTime, this.isTradingDay));
  }

  private readonly mark = (symbol: string): Price | undefined => this.book.quote(symbol)?.last;

  private readonly instrumentOf = (symbol: string): SimInstrument | undefined =>
    this.book.instrument(symbol);

  private credit(account: XtAccountRef): CreditBook | undefined {
    const book = this.counter.book(account.account_id);
    return book instanceof CreditBook ? book : undefined;
  }

  private transfer(account: XtAccountRef, yuan: number): XtTransferResult {
    const book = this.counter.book(account.account_id);
    if (book === undefined) {
      return { success: false, msg: '账号不存在' };
    }
    if (!Number.isFinite(yuan) || yuan === 0) {
      return { success: false, msg: '转账金额错误' };
    }
    const refusal = book.transfer(moneyFromYuan(yuan));
    if (refusal !== null) {
      return { success: false, msg: refusal.text };
    }
    this.state.touchBook(book);
    this.state.flush();
    this.counter.announce(book.accountId);
    return { success: true, msg: yuan > 0 ? '银行转证券成功' : '证券转银行成功' };
  }
}
