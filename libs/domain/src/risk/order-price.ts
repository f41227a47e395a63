// Prices and amounts several rules share: the reference price of the price cage and the
// deviation and short-sale rules (cn-market-rules §4, §9: the last trade, else the previous
// close), and an order's notional with the contract multiplier.
import { asMoney, type Money, type Price } from '../money/index.js';
import type { Instrument } from '../instrument/index.js';
import { reservationPrice } from './reservation.js';
import type { RiskOrder } from './risk-context.js';
import type { LimitScope } from './limits.js';

/** The last trade price, else the previous close; null when neither is known. */
export function referencePrice(lastPrice: Price | null, instrument: Instrument): Price | null {
  if (lastPrice !== null && lastPrice > 0) {
    return lastPrice;
  }
  return instrument.preClose > 0 ? instrument.preClose : null;
}

/** Quantity × reservation price × contract multiplier, in 0.0001 CNY units. */
export function orderNotional(order: RiskOrder, instrument: Instrument): Money {
  return quantityNotional(order.quantity, reservationPrice(order, instrument), instrument);
}

export function quantityNotional(quantity: number, price: Price, instrument: Instrument): Money {
  return asMoney(BigInt(price) * BigInt(quantity) * BigInt(instrument.multiplier));
}

const SCOPE_WORDS: Readonly<Record<LimitScope, string>> = {
  global: 'desk-wide',
  account: "the account's",
  strategy: "the strategy's",
  strategyAccount: "the strategy's in this account",
  symbol: "the symbol's",
};

/** "desk-wide", "the account's" …: which scope set a limit, for rejection messages. */
export function scopeWords(scope: LimitScope): string {
  return SCOPE_WORDS[scope];
}
