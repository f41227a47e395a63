// A short sale (融券卖出) may not be priced below the latest trade price, or the previous close
// before the first trade: cn-market-rules.md §9. A market short sale has no such price: refused.
import { formatPrice } from '../money/index.js';
import { PASS, fail } from './verdict.js';
import { isShortSale } from './order-effect.js';
import { referencePrice } from './order-price.js';
import type { OrderRiskRule } from './order-risk-context.js';

export const shortSellPriceRule: OrderRiskRule = ({ order, instrument, lastPrice }) => {
  if (!isShortSale(order.orderType)) {
    return PASS;
  }
  const reference = referencePrice(lastPrice, instrument);
  const price = order.limitPrice;
  if (reference === null || (price !== null && price >= reference)) {
    return PASS;
  }
  return fail(
    'SHORT_SELL_PRICE',
    price === null
      ? `a short sale of ${order.symbol} needs a limit price of at least ${formatPrice(reference)}`
      : `short-sale price ${formatPrice(price)} is below the latest price ${formatPrice(reference)} of ${order.symbol}`,
    {
      observed: price === null ? 'market' : formatPrice(price),
      limit: formatPrice(reference),
    },
  );
};
