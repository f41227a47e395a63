// Restricted list (compliance, ARCHITECTURE §4): a symbol listed by any scope that applies to
// the order, or restricted on its own symbol scope, takes no orders on either side.
import { PASS, fail } from './verdict.js';
import type { OrderRiskRule } from './order-risk-context.js';

export const restrictedRule: OrderRiskRule = ({ order, limits }) =>
  limits.restrictedBy === null
    ? PASS
    : fail('RESTRICTED', `${order.symbol} is on the ${limits.restrictedBy} restricted list`, {
        observed: order.symbol,
        limit: 'not restricted',
        scope: limits.restrictedBy,
      });
