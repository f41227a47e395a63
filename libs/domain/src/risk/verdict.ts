import type { Money, Price } from '../money/index.js';
import type { Instrument } from '../instrument/index.js';

/** Rejection rule codes (API.md); the same string is the API field, the audit row and the metric label. */
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
] as const;
export type RuleCode = (typeof RULE_CODES)[number];

export type Verdict =
  | { readonly ok: true }
  | {
      readonly ok: false;
      readonly rule: RuleCode;
      readonly message: string;
      /** The compared values, e.g. { quantity: 150, lot: '100' }. */
      readonly details: Readonly<Record<string, string | number>>;
    };
export type Rejection = Extract<Verdict, { ok: false }>;

export const PASS: Verdict = { ok: true };

export function fail(
  rule: RuleCode,
  message: string,
  details: Readonly<Record<string, string | number>>,
): Rejection {
  return { ok: false, rule, message, details };
}

export interface RiskOrder {
  readonly side: 'BUY' | 'SELL';
  readonly quantity: number;
  /** null for market and latest-price orders. */
  readonly limitPrice: Price | null;
  readonly symbol: string;
}

/** Fee estimate for reservations: commission with a minimum, stamp duty on sells. */
export interface FeeSchedule {
  readonly commissionBps: number;
  readonly minCommission: Money;
  readonly stampDutySellBps: number;
}

export interface RiskContext {
  readonly order: RiskOrder;
  readonly instrument: Instrument;
  /** Account cash after fills and open reservations. */
  readonly availableCash: Money;
  /** The strategy's budget left in this account; null when it has none. */
  readonly strategyBudgetLeft: Money | null;
  /** What this order may sell: owned by the strategy's book, sellable today, after open sells. */
  readonly sellableQuantity: number;
  readonly heldQuantity: number;
  readonly fees: FeeSchedule;
}

export type RiskRule = (ctx: RiskContext) => Verdict;
