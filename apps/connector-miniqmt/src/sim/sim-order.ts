import {
  XtDirection,
  XtOffsetFlag,
  XtOrderStatus,
  priceToYuan,
  type Money,
  type Price,
  type XtOrder,
  type XtTrade,
} from '@qmt/domain';
import type { BookOrder } from './sim-book.js';

/** How the counter handles an order: at an exchange, as a subscription, or by itself. */
export type SimOrderKind = 'EXCHANGE' | 'IPO' | 'COUNTER';

/** The broker's record of one order: what XtOrder shows plus what matching needs. */
export interface SimOrder extends BookOrder {
  readonly orderId: number;
  sysId: string;
  readonly accountId: string;
  readonly accountType: number;
  readonly symbol: string;
  readonly name: string;
  readonly orderType: number;
  readonly side: 'BUY' | 'SELL';
  readonly volume: number;
  readonly priceType: number;
  readonly brokerPriceType: number;
  /** The submitted limit; null for market and latest-price orders. */
  readonly limit: Price | null;
  /** The limit the rest works at once it rests. */
  restLimit: Price | null;
  readonly strategyName: string;
  readonly remark: string;
  /** Epoch seconds. */
  readonly time: number;
  kind: SimOrderKind;
  direction: number;
  offsetFlag: number;
  tradedNotional: Money;
  status: number;
  statusMsg: string;
}

export const LIVE_STATUSES: ReadonlySet<number> = new Set<number>([
  XtOrderStatus.ORDER_UNREPORTED,
  XtOrderStatus.ORDER_WAIT_REPORTING,
  XtOrderStatus.ORDER_REPORTED,
  XtOrderStatus.ORDER_PART_SUCC,
]);

/** Cancellable: at the exchange and not finished (query_stock_orders(cancelable_only=True)). */
export function isCancellable(order: SimOrder): boolean {
  return (
    order.status === XtOrderStatus.ORDER_REPORTED || order.status === XtOrderStatus.ORDER_PART_SUCC
  );
}

export function defaultDirection(side: 'BUY' | 'SELL'): { direction: number; offsetFlag: number } {
  return {
    direction: XtDirection.DIRECTION_FLAG_LONG,
    offsetFlag: side === 'BUY' ? XtOffsetFlag.OFFSET_FLAG_OPEN : XtOffsetFlag.OFFSET_FLAG_CLOSE,
  };
}

/** The XtOrder the terminal shows; `echo` overrides the broker price type (a fault). */
export function xtOrderOf(order: SimOrder, echo: number | null): XtOrder {
  const avg = order.traded > 0 ? Number(order.tradedNotional / BigInt(order.traded)) : 0;
  return {
    account_type: order.accountType,
    account_id: order.accountId,
    stock_code: order.symbol,
    order_id: order.orderId,
    order_sysid: order.sysId,
    order_time: order.time,
    order_type: order.orderType,
    order_volume: order.volume,
    price_type: echo ?? order.brokerPriceType,
    // price / 10 000 is the same double as priceToYuan (one correctly rounded division), cheaper.
    price: order.limit === null ? 0 : order.limit / 10_000,
    traded_volume: order.traded,
    traded_price: avg === 0 ? 0 : avg / 10_000,
    order_status: order.status,
    status_msg: order.statusMsg,
    strategy_name: order.strategyName,
    order_remark: order.remark,
    direction: order.direction,
    offset_flag: order.offsetFlag,
    instrument_name: order.name,
  };
}

export function xtTradeOf(
  order: SimOrder,
  tradedId: string,
  time: number,
  price: Price,
  volume: number,
  multiplier: number,
  direction: number,
  offsetFlag: number,
): XtTrade {
  return {
    account_type: order.accountType,
    account_id: order.accountId,
    stock_code: order.symbol,
    order_type: order.orderType,
    traded_id: tradedId,
    traded_time: time,
    traded_price: priceToYuan(price),
    traded_volume: volume,
    traded_amount: (price * volume * multiplier) / 10_000,
    order_id: order.orderId,
    order_sysid: order.sysId,
    strategy_name: order.strategyName,
    order_remark: order.remark,
    direction,
    offset_flag: offsetFlag,
    commission: 0,
    instrument_name: order.name,
  };
}
