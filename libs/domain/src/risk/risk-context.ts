// What a pre-trade rule sees: the order, the instrument's reference data and the exposure the
// risk app has already computed (ARCHITECTURE §4); rules never fetch anything themselves.
import type { Verdict } from './verdict.js';
import type { Money, Price } from '../money/index.js';
import type { Instrument } from '../instrument/index.js';

export type OrderSide = 'BUY' | 'SELL';

export interface RiskOrder {
  readonly side: OrderSide;
  /** Shares, bonds or contracts. */
  readonly quantity: number;
  /** 0.0001 CNY units; null for market and latest-price orders. */
  readonly limitPrice: Price | null;
  readonly symbol: string;
}

/** Fee estimate for reservations: commission with a minimum, stamp duty on sells. */
export interface FeeSchedule {
  /** Commission in basis points of the gross amount (2.5 = 0.025%). */
  readonly commissionBps: number;
  /** The broker's minimum commission per order, in 0.0001 CNY units. */
  readonly minCommission: Money;
  /** Stamp duty in basis points of the gross amount, sells only. */
  readonly stampDutySellBps: number;
}

export interface RiskContext {
  readonly order: RiskOrder;
  readonly instrument: Instrument;
  /** Account cash after fills and open reservations, in 0.0001 CNY units. */
  readonly availableCash: Money;
  /** The strategy's budget left in this account; null when it has none. */
  readonly strategyBudgetLeft: Money | null;
  /** What this order may sell: owned by the strategy's book, sellable today, after open sells. */
  readonly sellableQuantity: number;
  /** The holding the odd-lot remainder is measured against (cn-market-rules §3). */
  readonly heldQuantity: number;
  readonly fees: FeeSchedule;
}

export type RiskRule = (ctx: RiskContext) => Verdict;
