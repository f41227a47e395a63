// xttype records with their exact field names (shared/reference/xtquant-api.md §2). The native
// objects are plain attribute bags; the bridge and the sim send them as JSON with these keys.
// Money fields are float yuan, times epoch seconds, volumes shares (bonds 张, futures lots).

export interface XtAsset {
  readonly account_type: number;
  readonly account_id: string;
  readonly cash: number;
  readonly frozen_cash: number;
  readonly market_value: number;
  readonly total_asset: number;
  readonly fetch_balance?: number;
}

export interface XtOrder {
  readonly account_type: number;
  readonly account_id: string;
  readonly stock_code: string;
  readonly order_id: number;
  readonly order_sysid: string;
  readonly order_time: number;
  readonly order_type: number;
  readonly order_volume: number;
  readonly price_type: number;
  readonly price: number;
  readonly traded_volume: number;
  readonly traded_price: number;
  readonly order_status: number;
  readonly status_msg: string;
  readonly strategy_name: string;
  readonly order_remark: string;
  readonly direction?: number;
  readonly offset_flag?: number;
  readonly instrument_name?: string;
  readonly secu_account?: string;
}

export interface XtTrade {
  readonly account_type: number;
  readonly account_id: string;
  readonly stock_code: string;
  readonly order_type: number;
  readonly traded_id: string;
  readonly traded_time: number;
  readonly traded_price: number;
  readonly traded_volume: number;
  readonly traded_amount: number;
  readonly order_id: number;
  readonly order_sysid: string;
  readonly strategy_name: string;
  readonly order_remark: string;
  readonly direction?: number;
  readonly offset_flag?: number;
  readonly commission?: number;
  readonly instrument_name?: string;
  readonly secu_account?: string;
}

export interface XtPosition {
  readonly account_type: number;
  readonly account_id: string;
  readonly stock_code: string;
  readonly volume: number;
  readonly can_use_volume: number;
  readonly open_price: number;
  readonly market_value: number;
  readonly frozen_volume: number;
  readonly on_road_volume: number;
  readonly yesterday_volume: number;
  readonly avg_price: number;
  readonly direction?: number;
  readonly instrument_name?: string;
  readonly last_price?: number;
}

export interface XtOrderError {
  readonly account_type: number;
  readonly account_id: string;
  readonly order_id: number;
  readonly error_id: number;
  readonly error_msg: string;
  readonly strategy_name: string;
  readonly order_remark: string;
  readonly seq?: number;
}

export interface XtCancelError {
  readonly account_type: number;
  readonly account_id: string;
  readonly order_id: number;
  readonly market: number;
  readonly order_sysid: string;
  readonly error_id: number;
  readonly error_msg: string;
}

export interface XtOrderResponse {
  readonly account_type: number;
  readonly account_id: string;
  readonly order_id: number;
  readonly strategy_name: string;
  readonly order_remark: string;
  readonly error_msg: string;
  readonly seq: number;
}

export interface XtCancelOrderResponse {
  readonly account_type: number;
  readonly account_id: string;
  readonly cancel_result: number;
  readonly order_id: number;
  readonly order_sysid: string;
  readonly seq: number;
  readonly error_msg: string;
}

export interface XtAccountStatus {
  readonly account_type: number;
  readonly account_id: string;
  readonly status: number;
}

/** Every callback of XtQuantTraderCallback the connector normalises, as a tagged union. */
export type XtCallback =
  | { readonly callback: 'on_stock_order'; readonly data: XtOrder }
  | { readonly callback: 'on_stock_trade'; readonly data: XtTrade }
  | { readonly callback: 'on_stock_asset'; readonly data: XtAsset }
  | { readonly callback: 'on_stock_position'; readonly data: XtPosition }
  | { readonly callback: 'on_order_error'; readonly data: XtOrderError }
  | { readonly callback: 'on_cancel_error'; readonly data: XtCancelError }
  | { readonly callback: 'on_order_stock_async_response'; readonly data: XtOrderResponse }
  | {
      readonly callback: 'on_cancel_order_stock_async_response';
      readonly data: XtCancelOrderResponse;
    }
  | { readonly callback: 'on_account_status'; readonly data: XtAccountStatus }
  | { readonly callback: 'on_disconnected'; readonly data: Record<string, never> };
