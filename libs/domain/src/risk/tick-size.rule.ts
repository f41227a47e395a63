// Limit prices sit on the instrument's tick: cn-market-rules §3 (0.01 stocks, 0.001 funds/bonds).
import { formatPrice } from '../money/index.js';
import { isOnTick } from '../instrument/index.js';
import { PASS, fail, type RiskRule } from './verdict.js';

export const tickSizeRule: RiskRule = ({ order, instrument }) => {
  if (order.limitPrice === null || isOnTick(order.limitPrice, instrument.tickSize)) {
    return PASS;
  }
  return fail(
    'TICK_SIZE',
    `price ${formatPrice(order.limitPrice)} is not a multiple of the ${formatPrice(instrument.tickSize)} tick of ${instrument.security.symbol}`,
    { price: formatPrice(order.limitPrice), tick: formatPrice(instrument.tickSize) },
  );
};
