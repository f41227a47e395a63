// Limit prices inside today's limit-up/limit-down band: cn-market-rules §2. A price exactly at
// the limit is accepted; one tick beyond is not.
import { formatPrice } from '../money/index.js';
import { priceLimitBand } from '../instrument/index.js';
import { PASS, fail, type RiskRule } from './verdict.js';

export const priceLimitRule: RiskRule = ({ order, instrument }) => {
  const band = priceLimitBand(instrument);
  if (order.limitPrice === null || band === null) {
    return PASS;
  }
  if (order.limitPrice > band.up || order.limitPrice < band.down) {
    return fail(
      'PRICE_LIMIT',
      `price ${formatPrice(order.limitPrice)} is outside today's limits ${formatPrice(band.down)}–${formatPrice(band.up)} for ${instrument.security.symbol}`,
      {
        price: formatPrice(order.limitPrice),
        limitDown: formatPrice(band.down),
        limitUp: formatPrice(band.up),
      },
    );
  }
  return PASS;
};
