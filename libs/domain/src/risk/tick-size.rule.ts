// Limit prices sit on the instrument's tick and above zero: cn-market-rules.md §3 (0.01 stocks,
// 0.001 funds and bonds). Market orders carry no price and pass.
import { formatPrice } from '../money/index.js';
import { isOnTick } from '../instrument/index.js';
import { PASS, fail } from './verdict.js';
import type { RiskRule } from './risk-context.js';

export const tickSizeRule: RiskRule = ({ order, instrument }) => {
  const { limitPrice: price } = order;
  const { tickSize: tick, security } = instrument;
  if (price === null || (price >= tick && isOnTick(price, tick))) {
    return PASS;
  }
  const details = {
    observed: formatPrice(price),
    limit: formatPrice(tick),
    price: formatPrice(price),
    tick: formatPrice(tick),
  };
  return price < tick
    ? fail(
        'TICK_SIZE',
        `price ${formatPrice(price)} is below the lowest price of one ${formatPrice(tick)} tick for ${security.symbol}`,
        details,
      )
    : fail(
        'TICK_SIZE',
        `price ${formatPrice(price)} is not a multiple of the ${formatPrice(tick)} tick for ${security.symbol}`,
        details,
      );
};
