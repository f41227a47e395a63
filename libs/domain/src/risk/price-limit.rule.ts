// Limit prices inside today's limit-up/limit-down band: cn-market-rules.md §2. A price exactly at
// a limit passes, one tick beyond fails; no band (IPO days, derivatives without terminal data) passes.
import { formatPrice } from '../money/index.js';
import { priceLimitBand } from '../instrument/index.js';
import { PASS, fail } from './verdict.js';
import type { RiskRule } from './risk-context.js';

export const priceLimitRule: RiskRule = ({ order, instrument }) => {
  const band = priceLimitBand(instrument);
  const price = order.limitPrice;
  if (price === null || band === null || (price <= band.up && price >= band.down)) {
    return PASS;
  }
  const above = price > band.up;
  const breached = above ? band.up : band.down;
  return fail(
    'PRICE_LIMIT',
    `price ${formatPrice(price)} is ${above ? 'above' : 'below'} today's limit-${above ? 'up' : 'down'} price ${formatPrice(breached)} for ${instrument.security.symbol}`,
    {
      observed: formatPrice(price),
      limit: formatPrice(breached),
      price: formatPrice(price),
      limitUp: formatPrice(band.up),
      limitDown: formatPrice(band.down),
    },
  );
};
