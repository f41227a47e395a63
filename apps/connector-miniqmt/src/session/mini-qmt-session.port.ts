import type { XtAsset, XtCallback, XtOrder, XtPosition, XtTrade } from '@qmt/domain';

/** StockAccount as xttrader reads it: only these two attributes. */
export interface XtAccountRef {
  readonly account_id: string;
  readonly account_type: number;
}

/**
 * One miniQMT login session (XtQuantTrader), the foundation subset of xttrader: connect,
 * subscribe, async place and cancel, the day's queries. Callbacks arrive serially, in order, on
 * the listener (xtquant-api §3.5). Adapters: the simulator, and the Python bridge (next issue).
 */
export abstract class MiniQmtSession {
  abstract connect(): Promise<void>;
  abstract disconnect(): Promise<void>;
  abstract isConnected(): boolean;
  abstract onCallback(listener: (callback: XtCallback) => void): void;
  /** 0 when subscribed (xttrader convention). */
  abstract subscribe(account: XtAccountRef): Promise<number>;
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
  abstract cancelOrderStockAsync(account: XtAccountRef, orderId: number): Promise<number>;
  abstract queryStockOrders(account: XtAccountRef, cancelableOnly?: boolean): Promise<XtOrder[]>;
  abstract queryStockTrades(account: XtAccountRef): Promise<XtTrade[]>;
  abstract queryStockAsset(account: XtAccountRef): Promise<XtAsset | null>;
  abstract queryStockPositions(account: XtAccountRef): Promise<XtPosition[]>;
}
