// xtconstant codes, verbatim from shared/reference/xtquant-api.md §1 (S-new xtconstant.py).
// Numbers collide across fields (48 is a status, an option order type and a price type): never
// compare codes of different fields.

/** §1.1 account types (`account_type`). */
export const XtAccountType = {
  FUTURE_ACCOUNT: 1,
  SECURITY_ACCOUNT: 2,
  CREDIT_ACCOUNT: 3,
  FUTURE_OPTION_ACCOUNT: 5,
  STOCK_OPTION_ACCOUNT: 6,
  HUGANGTONG_ACCOUNT: 7,
  INCOME_SWAP_ACCOUNT: 8,
  NEW3BOARD_ACCOUNT: 10,
  SHENGANGTONG_ACCOUNT: 11,
} as const;
export type XtAccountTypeName = keyof typeof XtAccountType;
export type XtAccountTypeCode = (typeof XtAccountType)[XtAccountTypeName];

/** `StockAccount(id, type)` strings of the account types the gateway trades. */
export const ACCOUNT_TYPE_STRING = {
  1: 'FUTURE',
  2: 'STOCK',
  3: 'CREDIT',
  5: 'FUTURE_OPTION',
  6: 'STOCK_OPTION',
  7: 'HUGANGTONG',
  8: 'INCOME_SWAP',
  10: 'NEW3BOARD',
  11: 'SHENGANGTONG',
} as const satisfies Record<XtAccountTypeCode, string>;
export type AccountKind = (typeof ACCOUNT_TYPE_STRING)[XtAccountTypeCode];

/** §1.2 order types (`order_type`) for stock, credit, futures, options, ETF creation. */
export const XtOrderType = {
  STOCK_BUY: 23,
  STOCK_SELL: 24,
  CREDIT_FIN_BUY: 27,
  CREDIT_SLO_SELL: 28,
  CREDIT_BUY_SECU_REPAY: 29,
  CREDIT_DIRECT_SECU_REPAY: 30,
  CREDIT_SELL_SECU_REPAY: 31,
  CREDIT_DIRECT_CASH_REPAY: 32,
  CREDIT_FIN_BUY_SPECIAL: 40,
  CREDIT_SLO_SELL_SPECIAL: 41,
  CREDIT_BUY_SECU_REPAY_SPECIAL: 42,
  CREDIT_DIRECT_SECU_REPAY_SPECIAL: 43,
  CREDIT_SELL_SECU_REPAY_SPECIAL: 44,
  CREDIT_DIRECT_CASH_REPAY_SPECIAL: 45,
  FUTURE_OPEN_LONG: 0,
  FUTURE_CLOSE_LONG_HISTORY: 1,
  FUTURE_CLOSE_LONG_TODAY: 2,
  FUTURE_OPEN_SHORT: 3,
  FUTURE_CLOSE_SHORT_HISTORY: 4,
  FUTURE_CLOSE_SHORT_TODAY: 5,
  FUTURE_CLOSE_LONG_TODAY_FIRST: 6,
  FUTURE_CLOSE_LONG_HISTORY_FIRST: 7,
  FUTURE_CLOSE_SHORT_TODAY_FIRST: 8,
  FUTURE_CLOSE_SHORT_HISTORY_FIRST: 9,
  FUTURE_CLOSE_LONG_TODAY_HISTORY_THEN_OPEN_SHORT: 10,
  FUTURE_CLOSE_LONG_HISTORY_TODAY_THEN_OPEN_SHORT: 11,
  FUTURE_CLOSE_SHORT_TODAY_HISTORY_THEN_OPEN_LONG: 12,
  FUTURE_CLOSE_SHORT_HISTORY_TODAY_THEN_OPEN_LONG: 13,
  FUTURE_OPEN: 14,
  FUTURE_CLOSE: 15,
  STOCK_OPTION_BUY_OPEN: 48,
  STOCK_OPTION_SELL_CLOSE: 49,
  STOCK_OPTION_SELL_OPEN: 50,
  STOCK_OPTION_BUY_CLOSE: 51,
  STOCK_OPTION_COVERED_OPEN: 52,
  STOCK_OPTION_COVERED_CLOSE: 53,
  STOCK_OPTION_CALL_EXERCISE: 54,
  STOCK_OPTION_PUT_EXERCISE: 55,
  STOCK_OPTION_SECU_LOCK: 56,
  STOCK_OPTION_SECU_UNLOCK: 57,
  ETF_PURCHASE: 134,
  ETF_REDEMPTION: 135,
} as const;
export type XtOrderTypeName = keyof typeof XtOrderType;
export type XtOrderTypeCode = (typeof XtOrderType)[XtOrderTypeName];

/** §1.3 submit-side price types (`price_type`). */
export const XtPriceType = {
  LATEST_PRICE: 5,
  FIX_PRICE: 11,
  MARKET_BEST: 18,
  MARKET_CANCEL: 19,
  MARKET_CANCEL_ALL: 20,
  MARKET_CANCEL_1: 21,
  MARKET_CANCEL_5: 22,
  MARKET_CONVERT_1: 23,
  MARKET_CONVERT_5: 24,
  MARKET_SH_CONVERT_5_CANCEL: 42,
  MARKET_SH_CONVERT_5_LIMIT: 43,
  MARKET_PEER_PRICE_FIRST: 44,
  MARKET_MINE_PRICE_FIRST: 45,
  MARKET_SZ_INSTBUSI_RESTCANCEL: 46,
  MARKET_SZ_CONVERT_5_CANCEL: 47,
  MARKET_SZ_FULL_OR_CANCEL: 48,
} as const;
export type XtPriceTypeName = keyof typeof XtPriceType;
export type XtPriceTypeCode = (typeof XtPriceType)[XtPriceTypeName];

/** Broker price-type enum echoed on returned orders (appendix B), the two the sim uses. */
export const XtBrokerPriceType = { MARKET: 49, LIMIT: 50, BEST_FIVE_IOC: 88 } as const;

/** §1.4 integer market enum (cancel by sysid, XtCancelError.market). */
export const XtMarket = {
  SH_MARKET: 0,
  SZ_MARKET: 1,
  MARKET_ENUM_INDEX_FUTURE: 2,
  MARKET_ENUM_SHANGHAI_FUTURE: 3,
  MARKET_ENUM_DALIANG_FUTURE: 4,
  MARKET_ENUM_ZHENGZHOU_FUTURE: 5,
  MARKET_ENUM_INTL_ENERGY_FUTURE: 6,
  MARKET_ENUM_SHANGHAI_STOCK_OPTION: 7,
  MARKET_ENUM_SHENZHEN_STOCK_OPTION: 67,
  MARKET_ENUM_BEIJING: 70,
  MARKET_ENUM_GUANGZHOU_FUTURE: 75,
} as const;
export type XtMarketCode = (typeof XtMarket)[keyof typeof XtMarket];

/** §1.5 order statuses (`order_status`). */
export const XtOrderStatus = {
  ORDER_UNREPORTED: 48,
  ORDER_WAIT_REPORTING: 49,
  ORDER_REPORTED: 50,
  ORDER_REPORTED_CANCEL: 51,
  ORDER_PARTSUCC_CANCEL: 52,
  ORDER_PART_CANCEL: 53,
  ORDER_CANCELED: 54,
  ORDER_PART_SUCC: 55,
  ORDER_SUCCEEDED: 56,
  ORDER_JUNK: 57,
  ORDER_UNKNOWN: 255,
} as const;
export type XtOrderStatusName = keyof typeof XtOrderStatus;
export type XtOrderStatusCode = (typeof XtOrderStatus)[XtOrderStatusName];

/** §1.6 account statuses. */
export const XtAccountStatusCode = {
  ACCOUNT_STATUS_INVALID: -1,
  ACCOUNT_STATUS_OK: 0,
  ACCOUNT_STATUS_WAITING_LOGIN: 1,
  ACCOUNT_STATUSING: 2,
  ACCOUNT_STATUS_FAIL: 3,
  ACCOUNT_STATUS_INITING: 4,
  ACCOUNT_STATUS_CORRECTING: 5,
  ACCOUNT_STATUS_CLOSED: 6,
  ACCOUNT_STATUS_ASSIS_FAIL: 7,
  ACCOUNT_STATUS_DISABLEBYSYS: 8,
  ACCOUNT_STATUS_DISABLEBYUSER: 9,
} as const;

/** §1.7 direction and offset flags. */
export const XtDirection = { DIRECTION_FLAG_LONG: 48, DIRECTION_FLAG_SHORT: 49 } as const;
export const XtOffsetFlag = {
  OFFSET_FLAG_OPEN: 48,
  OFFSET_FLAG_CLOSE: 49,
  OFFSET_FLAG_FORCECLOSE: 50,
  OFFSET_FLAG_CLOSETODAY: 51,
  OFFSET_FLAG_ClOSEYESTERDAY: 52,
  OFFSET_FLAG_FORCEOFF: 53,
  OFFSET_FLAG_LOCALFORCECLOSE: 54,
} as const;

function reverse<K extends string, V extends number>(map: Record<K, V>): ReadonlyMap<number, K> {
  return new Map(Object.entries(map).map(([name, code]) => [code as number, name as K]));
}

const STATUS_NAMES = reverse(XtOrderStatus);
const PRICE_TYPE_NAMES = reverse(XtPriceType);
const ACCOUNT_TYPE_NAMES = reverse(XtAccountType);

/** Status code → name; undefined for codes miniQMT may send but xtconstant lacks (e.g. 86). */
export function xtOrderStatusName(code: number): XtOrderStatusName | undefined {
  return STATUS_NAMES.get(code);
}

export function xtPriceTypeName(code: number): XtPriceTypeName | undefined {
  return PRICE_TYPE_NAMES.get(code);
}

export function xtAccountTypeName(code: number): XtAccountTypeName | undefined {
  return ACCOUNT_TYPE_NAMES.get(code);
}

export function isXtOrderType(code: number): code is XtOrderTypeCode {
  return (Object.values(XtOrderType) as number[]).includes(code);
}

const SELL_ORDER_TYPES: ReadonlySet<number> = new Set<number>([
  XtOrderType.STOCK_SELL,
  XtOrderType.CREDIT_SLO_SELL,
  XtOrderType.CREDIT_SELL_SECU_REPAY,
  XtOrderType.CREDIT_SLO_SELL_SPECIAL,
  XtOrderType.CREDIT_SELL_SECU_REPAY_SPECIAL,
]);

/**
 * Cash direction of a stock or credit order type: the sells (24, 28, 31, 41, 44) bring cash
 * in, every other type pays. Futures and options directions come with their own rules.
 */
export function sideOfOrderType(orderType: number): 'BUY' | 'SELL' {
  return SELL_ORDER_TYPES.has(orderType) ? 'SELL' : 'BUY';
}
