// Rejection rule codes, exactly API.md's list. The same string is the API `rejection.rule`, the
// audit row and the metric label, so a code is added here and never renamed.

export const RULE_CODES = [
  'UNKNOWN_INSTRUMENT',
  'INSTRUMENT_HALTED',
  'SESSION_CLOSED',
  'LOT_SIZE',
  'TICK_SIZE',
  'PRICE_LIMIT',
  'PRICE_CAGE',
  'PRICE_DEVIATION',
  'MAX_ORDER_QTY',
  'MAX_ORDER_NOTIONAL',
  'INSUFFICIENT_CASH',
  'INSUFFICIENT_POSITION',
  'STRATEGY_BUDGET',
  'POSITION_LIMIT',
  'OPEN_ORDER_LIMIT',
  'ORDER_RATE',
  'DAILY_ORDER_LIMIT',
  'CANCEL_RATE',
  'SELF_TRADE',
  'DUPLICATE_ORDER',
  'DAILY_LOSS',
  'RESTRICTED',
  'KILL_SWITCH',
  'SHORT_SELL_PRICE',
  'FUTURES_OPEN_LIMIT',
  'ACCOUNT_NOT_PERMITTED',
  'CONNECTOR_UNAVAILABLE',
  // Added after API.md's list: codes it does not name yet.
  /** The xt price type is not one the exchange accepts for the instrument (§7). */
  'PRICE_TYPE',
  /** A margin order beyond the short-sale or financing quota, or on a non-margin account (§9). */
  'MARGIN_QUOTA',
  /** Gross exposure of the book or the account beyond its cap. */
  'GROSS_EXPOSURE',
] as const;

export type RuleCode = (typeof RULE_CODES)[number];

const KNOWN: ReadonlySet<string> = new Set(RULE_CODES);

/** Narrows a string read back from storage or the wire to a RuleCode. */
export function isRuleCode(value: string): value is RuleCode {
  return KNOWN.has(value);
}
