// Cash an open buy holds back (ARCHITECTURE §4: check and reserve in one synchronous step) and the
// fee estimate it includes. Fees are an estimate from configuration, never the broker's bill.
import { Decimal } from 'decimal.js';
import {
  asMoney,
  asPrice,
  moneyFromYuan,
  notional,
  type Money,
  type Price,
} from '../money/index.js';
import { priceLimitBand, type Instrument } from '../instrument/index.js';
import type { FeeSchedule, OrderSide, RiskOrder } from './risk-context.js';

/** An estimate: 2.5 bps commission with a 5 CNY minimum, 5 bps stamp duty on sells. */
export const DEFAULT_FEES: FeeSchedule = {
  commissionBps: 2.5,
  minCommission: moneyFromYuan(5),
  stampDutySellBps: 5,
};

const RATE_SCALE = 1_000_000;

// Rounded up, so a reservation never falls short of the fee it stands for. Integer arithmetic
// for rates with up to 6 decimals of a basis point (every real schedule); decimal.js otherwise.
function basisPoints(amount: Money, rate: number): bigint {
  const scaled = rate * RATE_SCALE;
  if (Number.isSafeInteger(scaled) && scaled >= 0 && amount >= 0n) {
    const denominator = 10_000n * BigInt(RATE_SCALE);
    return (amount * BigInt(scaled) + denominator - 1n) / denominator;
  }
  return BigInt(
    new Decimal(amount.toString())
      .mul(rate)
      .div(10_000)
      .toDecimalPlaces(0, Decimal.ROUND_UP)
      .toFixed(0),
  );
}

/**
 * Estimated fees on a gross amount (both in 0.0001 CNY units): commission at `commissionBps`,
 * at least `minCommission`, plus stamp duty on sells; each part rounded up.
 */
export function estimateFees(side: OrderSide, gross: Money, fees: FeeSchedule): Money {
  const commission = basisPoints(gross, fees.commissionBps);
  const charged = commission < fees.minCommission ? fees.minCommission : commission;
  return asMoney(charged + (side === 'SELL' ? basisPoints(gross, fees.stampDutySellBps) : 0n));
}

/**
 * The price an order is valued at before it fills: its limit price; for market orders the
 * limit-up price, or 110% of the previous close when there is no band.
 */
export function reservationPrice(order: RiskOrder, instrument: Instrument): Price {
  return (
    order.limitPrice ??
    priceLimitBand(instrument)?.up ??
    asPrice(Math.ceil((instrument.preClose * 11) / 10))
  );
}

/**
 * Cash an order holds back while open, in 0.0001 CNY units: for buys quantity × (the limit price;
 * for market orders the limit-up price, or 110% of the previous close when there is no band)
 * plus estimated fees. Sells hold shares, not cash: 0.
 */
export function reservationFor(order: RiskOrder, instrument: Instrument, fees: FeeSchedule): Money {
  if (order.side === 'SELL') {
    return asMoney(0n);
  }
  const known = RESERVATIONS.get(order);
  if (known !== undefined && known.instrument === instrument && known.fees === fees) {
    return known.amount;
  }
  const gross = notional(reservationPrice(order, instrument), order.quantity);
  const amount = asMoney(gross + estimateFees('BUY', gross, fees));
  RESERVATIONS.set(order, { instrument, fees, amount });
  return amount;
}

// The cash, budget and margin rules each value the same order in one check: the (immutable)
// order, instrument and fee schedule determine the amount, so it is priced once per check.
const RESERVATIONS = new WeakMap<
  RiskOrder,
  { readonly instrument: Instrument; readonly fees: FeeSchedule; readonly amount: Money }
>();
