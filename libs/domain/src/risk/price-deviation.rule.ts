// Limit price within the desk's maxPriceDeviation of the reference price (fat-finger guard,
// ARCHITECTURE §4; reference as cn-market-rules §4: the last trade, else the previous close).
import { formatPrice } from '../money/index.js';
import { PASS, fail } from './verdict.js';
import { referencePrice, scopeWords } from './order-price.js';
import type { OrderRiskRule } from './order-risk-context.js';

const BPS = 10_000;

export const priceDeviationRule: OrderRiskRule = ({ order, instrument, lastPrice, limits }) => {
  const cap = limits.maxPriceDeviationBps;
  const price = order.limitPrice;
  const reference = referencePrice(lastPrice, instrument);
  if (cap === undefined || price === null || reference === null) {
    return PASS;
  }
  const deviation = Math.abs(price - reference);
  if (deviation * BPS <= reference * cap.value) {
    return PASS;
  }
  const deviationBps = Math.ceil((deviation * BPS) / reference);
  return fail(
    'PRICE_DEVIATION',
    `price ${formatPrice(price)} is ${deviationBps / 100}% from the reference ${formatPrice(reference)} of ${instrument.security.symbol}, beyond ${scopeWords(cap.scope)} ${cap.value / 100}%`,
    {
      observed: deviationBps,
      limit: cap.value,
      unit: 'bps',
      price: formatPrice(price),
      reference: formatPrice(reference),
      scope: cap.scope,
    },
  );
};
