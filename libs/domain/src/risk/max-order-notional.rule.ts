// Largest value per order (fat-finger cap, ARCHITECTURE §4): quantity × price × multiplier, a
// market order valued at the price its cash reservation uses (cn-market-rules §2 limit-up).
import { formatMoney } from '../money/index.js';
import { PASS, fail } from './verdict.js';
import { orderNotional, scopeWords } from './order-price.js';
import type { OrderRiskRule } from './order-risk-context.js';

export const maxOrderNotionalRule: OrderRiskRule = ({ order, instrument, limits }) => {
  const cap = limits.maxOrderNotional;
  if (cap === undefined) {
    return PASS;
  }
  const value = orderNotional(order, instrument);
  if (value <= cap.value) {
    return PASS;
  }
  return fail(
    'MAX_ORDER_NOTIONAL',
    `the order is worth ${formatMoney(value)} CNY, above ${scopeWords(cap.scope)} cap of ${formatMoney(cap.value)} CNY per order`,
    { observed: formatMoney(value), limit: formatMoney(cap.value), scope: cap.scope },
  );
};
