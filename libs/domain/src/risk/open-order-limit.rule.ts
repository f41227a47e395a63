// Open order count caps (ARCHITECTURE §4): the strategy's book in the account and the whole
// account, counting this order; reducing orders count too, since each one is broker load.
import { PASS, fail } from './verdict.js';
import { scopeWords } from './order-price.js';
import type { OrderRiskRule } from './order-risk-context.js';

export const openOrderLimitRule: OrderRiskRule = ({
  limits,
  bookOpenOrders,
  accountOpenOrders,
}) => {
  for (const [cap, open, whose] of [
    [limits.maxOpenOrders, bookOpenOrders, "the strategy's book"],
    [limits.maxAccountOpenOrders, accountOpenOrders, 'the account'],
  ] as const) {
    if (cap !== undefined && open + 1 > cap.value) {
      return fail(
        'OPEN_ORDER_LIMIT',
        `${whose} has ${open} open orders; one more is above ${scopeWords(cap.scope)} cap of ${cap.value}`,
        { observed: open + 1, limit: cap.value, open, scope: cap.scope },
      );
    }
  }
  return PASS;
};
