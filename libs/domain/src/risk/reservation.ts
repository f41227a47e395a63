import { Decimal } from 'decimal.js';
import { asMoney, asPrice, moneyFromYuan, notional, type Money } from '../money/index.js';
import { priceLimitBand, type Instrument } from '../instrument/index.js';
import type { FeeSchedule, RiskOrder } from './verdict.js';

/** 2.5 bps commission with a 5 CNY minimum, 5 bps stamp duty on sells: an estimate, configurable. */
export const DEFAULT_FEES: FeeSchedule = {
  commissionBps: 2.5,
  minCommission: moneyFromYuan(5),
  stampDutySellBps: 5,
};

function bps(amount: Money, rate: number): bigint {
  return BigInt(
    new Decimal(amount.toString())
      .mul(rate)
      .div(10_000)
      .toDecimalPlaces(0, Decimal.ROUND_UP)
      .toFixed(0),
  );
}

export function estimateFees(side: 'BUY' | 'SELL', gross: Money, fees: FeeSchedule): Money {
  const commission = bps(gross, fees.commissionBps);
  const floor = commission < fees.minCommission ? fees.minCommission : commission;
  return asMoney(floor + (side === 'SELL' ? bps(gross, fees.stampDutySellBps) : 0n));
}

/**
 * Cash an order holds back while open: for buys quantity × (limit price, or the limit-up price
 * for market orders, else 110% of the previous close) plus estimated fees; sells hold shares,
 * not cash, so 0.
 */
export function reservationFor(order: RiskOrder, instrument: Instrument, fees: FeeSchedule): Money {
  if (order.side === 'SELL') {
    return asMoney(0n);
  }
  const band = priceLimitBand(instrument);
  const price = order.limitPrice ?? band?.up ?? asPrice(Math.ceil((instrument.preClose * 11) / 10));
  const gross = notional(price, order.quantity);
  return asMoney(gross + estimateFees('BUY', gross, fees));
}
