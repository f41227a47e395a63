import type {
  XtAccountStatus,
  XtAsset,
  XtCallback,
  XtOrder,
  XtPosition,
  XtTrade,
} from '@qmt/domain';
import type {
  XtAccountInfo,
  XtBar,
  XtCreditAssure,
  XtCreditDetail,
  XtCreditSloCode,
  XtCreditSubject,
  XtInstrumentDetail,
  XtIpoInfo,
  XtPositionStatistics,
  XtSmartAlgoTask,
  XtStkCompact,
  XtTick,
  XtTransferResult,
  SessionCapabilityName,
} from './xt-records.js';

/** StockAccount as xttrader reads it: only these two attributes. */
export interface XtAccountRef {
  readonly account_id: string;
  readonly account_type: number;
}

/** A K-line request: xtdata periods, times 'YYYYMMDD[hhmmss]' inclusive, count -1 = all. */
export interface XtBarRequest {
  readonly period: '1m' | '5m' | '1d';
  readonly startTime?: string;
  readonly endTime?: string;
  readonly count?: number;
}

/**
 * One miniQMT login session (XtQuantTrader + xtdata), the whole xttrader surface the gateway
 * uses (xtquant-api §3, §4). Method names and return conventions are xttrader's: order calls
 * answer an order id or a seq (> 0) or -1, cancels 0 or -1, and neither means the outcome —
 * pushes do. Callbacks arrive serially, in order, on the listener (§3.5).
 *
 * connect() opens a fresh XtQuantTrader with a fresh session id every time (§5.1): a session
 * is never resumed. Adapters: SimMiniQmt (sim/) and BridgeMiniQmtSession (bridge-client/).
 */
export abstract class MiniQmtSession {
  // --- lifecycle ----------------------------------------------------------------------------
  abstract connect(): Promise<void>;
  abstract disconnect(): Promise<void>;
  abstract isConnected(): boolean;
  /** The live session id, or null while down. */
  abstract sessionId(): number | null;
  abstract onCallback(listener: (callback: XtCallback) => void): void;
  /** 0 when subscribed (xttrader convention). */
  abstract subscribe(account: XtAccountRef): Promise<number>;
  abstract unsubscribe(account: XtAccountRef): Promise<number>;
  /** What this session's build and accounts offer. */
  abstract capabilities(): readonly SessionCapabilityName[];

  // --- orders -------------------------------------------------------------------------------
  /** Sync place: the order id, or -1 (which may still hide a live order, §5.7). */
  abstract orderStock(
    account: XtAccountRef,
    stockCode: string,
    orderType: number,
    orderVolume: number,
    priceType: number,
    price: number,
    strategyName: string,
    orderRemark: string,
  ): Promise<number>;
  /** Returns the request seq; the order id comes back in on_order_stock_async_response. */
  abstract orderStockAsync(
    account: XtAccountRef,
    stockCode: string,
    orderType: number,
    orderVolume: number,
    priceType: number,
    price: number,
    strategyName: string,
    orderRemark: string,
  ): Promise<number>;
  abstract cancelOrderStock(account: XtAccountRef, orderId: number): Promise<number>;
  abstract cancelOrderStockAsync(account: XtAccountRef, orderId: number): Promise<number>;
  /** Cancel by the counter's contract number; market is the int enum or 'SH'/'SZ'/'BJ'… */
  abstract cancelOrderStockSysid(
    account: XtAccountRef,
    market: number | string,
    sysid: string,
  ): Promise<number>;
  abstract cancelOrderStockSysidAsync(
    account: XtAccountRef,
    market: number | string,
    sysid: string,
  ): Promise<number>;
  /** Broker smart-algo order (VWAP…): seq, or -1 where the build does not expose it. */
  abstract smartAlgoOrderAsync(
    account: XtAccountRef,
    stockCode: string,
    orderType: number,
    orderVolume: number,
    priceType: number,
    price: number,
    strategyName: string,
    orderRemark: string,
    algoName: string,
    startTime: string,
    endTime: string,
    algoParam: Readonly<Record<string, unknown>>,
  ): Promise<number>;
  abstract cancelSmartAlgoTaskAsync(account: XtAccountRef, taskId: string): Promise<number>;

  // --- queries ------------------------------------------------------------------------------
  abstract queryAccountInfos(): Promise<XtAccountInfo[]>;
  abstract queryAccountStatus(): Promise<XtAccountStatus[]>;
  abstract queryStockAsset(account: XtAccountRef): Promise<XtAsset | null>;
  abstract queryStockOrder(account: XtAccountRef, orderId: number): Promise<XtOrder | null>;
  abstract queryStockOrders(account: XtAccountRef, cancelableOnly?: boolean): Promise<XtOrder[]>;
  abstract queryStockTrades(account: XtAccountRef): Promise<XtTrade[]>;
  abstract queryStockPosition(account: XtAccountRef, stockCode: string): Promise<XtPosition | null>;
  abstract queryStockPositions(account: XtAccountRef): Promise<XtPosition[]>;
  abstract queryPositionStatistics(account: XtAccountRef): Promise<XtPositionStatistics[]>;
  abstract queryCreditDetail(account: XtAccountRef): Promise<XtCreditDetail[]>;
  abstract queryStkCompacts(account: XtAccountRef): Promise<XtStkCompact[]>;
  abstract queryCreditSubjects(account: XtAccountRef): Promise<XtCreditSubject[]>;
  abstract queryCreditSloCode(account: XtAccountRef): Promise<XtCreditSloCode[]>;
  abstract queryCreditAssure(account: XtAccountRef): Promise<XtCreditAssure[]>;
  /** IPO quota in shares by board key ('SH', 'SZ', 'KCB'…). */
  abstract queryNewPurchaseLimit(account: XtAccountRef): Promise<Record<string, number>>;
  abstract queryIpoData(): Promise<Record<string, XtIpoInfo>>;
  abstract querySmartAlgoTask(account: XtAccountRef): Promise<XtSmartAlgoTask[]>;
  /** 券源行情 of securities lending (约券); [] where not exposed. */
  abstract smtQueryQuoter(account: XtAccountRef): Promise<Record<string, unknown>[]>;

  // --- money movement -----------------------------------------------------------------------
  /** 银证转账 bank → broker; amount in yuan. */
  abstract bankTransferIn(
    account: XtAccountRef,
    bankNo: string,
    bankAccount: string,
    balance: number,
    bankPwd?: string,
    fundPwd?: string,
  ): Promise<XtTransferResult>;
  abstract bankTransferOut(
    account: XtAccountRef,
    bankNo: string,
    bankAccount: string,
    balance: number,
    bankPwd?: string,
    fundPwd?: string,
  ): Promise<XtTransferResult>;
  /** Counter/node fund transfer (510–513); amount in yuan. */
  abstract fundTransfer(
    account: XtAccountRef,
    transferDirection: number,
    amount: number,
  ): Promise<XtTransferResult>;

  // --- market data (xtdata) -----------------------------------------------------------------
  /** Tick subscription of one code: the subscription id (> 0) or -1. */
  abstract subscribeQuote(stockCode: string, listener: (tick: XtTick) => void): Promise<number>;
  abstract unsubscribeQuote(subscriptionId: number): Promise<void>;
  abstract getFullTick(codes: readonly string[]): Promise<Record<string, XtTick>>;
  abstract getInstrumentDetail(stockCode: string): Promise<XtInstrumentDetail | null>;
  /** Bars by code, oldest first. */
  abstract getMarketData(
    codes: readonly string[],
    request: XtBarRequest,
  ): Promise<Record<string, XtBar[]>>;
  /** Trading days 'YYYYMMDD' of SH/SZ between two dates, inclusive. */
  abstract getTradingCalendar(
    market: string,
    startTime: string,
    endTime: string,
  ): Promise<string[]>;
}
