// Duplicate-order detection (a strategy resending the same order by mistake, ARCHITECTURE §4):
// same strategy, account, symbol, side, quantity and price within duplicateWindowMs. An order
// exactly one window after its twin passes.
import { PASS, fail } from './verdict.js';
import { scopeWords } from './order-price.js';
import type { OrderRiskRule } from './order-risk-context.js';

export const duplicateOrderRule: OrderRiskRule = ({ now, limits, lastIdenticalOrderAt }) => {
  const window = limits.duplicateWindowMs;
  if (window === undefined || lastIdenticalOrderAt === null) {
    return PASS;
  }
  const gap = now.getTime() - lastIdenticalOrderAt;
  if (gap >= window.value) {
    return PASS;
  }
  return fail(
    'DUPLICATE_ORDER',
    `an identical order was sent ${gap} ms ago, inside ${scopeWords(window.scope)} duplicate window of ${window.value} ms`,
    { observed: gap, limit: window.value, unit: 'ms', scope: window.scope },
  );
};
