// What an xt order type does to the book's position (xtquant-api.md §1.2): the kill switch's
// REDUCE_ONLY mode, the margin rules (cn-market-rules §9) and the futures open limit (§8) read it.
import { XtOrderType } from '../xt/index.js';

export const PositionEffect = {
  /** Opens or adds to a long or short position, or spends financing. */
  INCREASE: 'INCREASE',
  /** Closes or reduces a position (a sell of owned shares, a futures close, a short cover). */
  REDUCE: 'REDUCE',
} as const;
export type PositionEffect = (typeof PositionEffect)[keyof typeof PositionEffect];

const REDUCING: ReadonlySet<number> = new Set([
  XtOrderType.STOCK_SELL,
  XtOrderType.CREDIT_BUY_SECU_REPAY,
  XtOrderType.CREDIT_DIRECT_SECU_REPAY,
  XtOrderType.CREDIT_SELL_SECU_REPAY,
  XtOrderType.CREDIT_DIRECT_CASH_REPAY,
  XtOrderType.CREDIT_BUY_SECU_REPAY_SPECIAL,
  XtOrderType.CREDIT_DIRECT_SECU_REPAY_SPECIAL,
  XtOrderType.CREDIT_SELL_SECU_REPAY_SPECIAL,
  XtOrderType.CREDIT_DIRECT_CASH_REPAY_SPECIAL,
  XtOrderType.FUTURE_CLOSE_LONG_HISTORY,
  XtOrderType.FUTURE_CLOSE_LONG_TODAY,
  XtOrderType.FUTURE_CLOSE_SHORT_HISTORY,
  XtOrderType.FUTURE_CLOSE_SHORT_TODAY,
  XtOrderType.FUTURE_CLOSE_LONG_TODAY_FIRST,
  XtOrderType.FUTURE_CLOSE_LONG_HISTORY_FIRST,
  XtOrderType.FUTURE_CLOSE_SHORT_TODAY_FIRST,
  XtOrderType.FUTURE_CLOSE_SHORT_HISTORY_FIRST,
  XtOrderType.FUTURE_CLOSE,
  XtOrderType.STOCK_OPTION_SELL_CLOSE,
  XtOrderType.STOCK_OPTION_BUY_CLOSE,
  XtOrderType.STOCK_OPTION_COVERED_CLOSE,
]);

/**
 * INCREASE or REDUCE for an xt order type. Anything not plainly a close counts as INCREASE
 * (close-then-open types, exercises, locks, ETF creations, unknown codes): the kill switch must
 * never let through an order it cannot prove reduces risk.
 */
export function positionEffect(orderType: number): PositionEffect {
  return REDUCING.has(orderType) ? PositionEffect.REDUCE : PositionEffect.INCREASE;
}

const SHORT_SALES: ReadonlySet<number> = new Set([
  XtOrderType.CREDIT_SLO_SELL,
  XtOrderType.CREDIT_SLO_SELL_SPECIAL,
]);

/** 融券卖出: selling borrowed shares (cn-market-rules §9). */
export function isShortSale(orderType: number): boolean {
  return SHORT_SALES.has(orderType);
}

const FINANCED_BUYS: ReadonlySet<number> = new Set([
  XtOrderType.CREDIT_FIN_BUY,
  XtOrderType.CREDIT_FIN_BUY_SPECIAL,
]);

/** 融资买入: buying with the broker's money (cn-market-rules §9). */
export function isFinancedBuy(orderType: number): boolean {
  return FINANCED_BUYS.has(orderType);
}

const FUTURES_OPENS: ReadonlySet<number> = new Set([
  XtOrderType.FUTURE_OPEN_LONG,
  XtOrderType.FUTURE_OPEN_SHORT,
  XtOrderType.FUTURE_OPEN,
  XtOrderType.FUTURE_CLOSE_LONG_TODAY_HISTORY_THEN_OPEN_SHORT,
  XtOrderType.FUTURE_CLOSE_LONG_HISTORY_TODAY_THEN_OPEN_SHORT,
  XtOrderType.FUTURE_CLOSE_SHORT_TODAY_HISTORY_THEN_OPEN_LONG,
  XtOrderType.FUTURE_CLOSE_SHORT_HISTORY_TODAY_THEN_OPEN_LONG,
]);

/** A futures order that may open new contracts (counted against the daily open limit). */
export function mayOpenFutures(orderType: number): boolean {
  return FUTURES_OPENS.has(orderType);
}
