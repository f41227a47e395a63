// The foundation catalogue: the order-shape rules of cn-market-rules.md §2–§3 first, then the
// exposure rules of §6 and ARCHITECTURE §5, in the order a rejection reports them.
import { cashRule } from './cash.rule.js';
import { instrumentTradableRule } from './instrument-tradable.rule.js';
import { lotSizeRule } from './lot-size.rule.js';
import { priceLimitRule } from './price-limit.rule.js';
import { sellablePositionRule } from './sellable-position.rule.js';
import { strategyBudgetRule } from './strategy-budget.rule.js';
import { tickSizeRule } from './tick-size.rule.js';
import type { RiskContext, RiskRule } from './risk-context.js';
import type { Rejection } from './verdict.js';

export const FOUNDATION_RULES: readonly RiskRule[] = [
  instrumentTradableRule,
  lotSizeRule,
  tickSizeRule,
  priceLimitRule,
  sellablePositionRule,
  strategyBudgetRule,
  cashRule,
];

/** Every failing verdict in catalogue order, not only the first (an empty array approves). */
export function checkAll(
  ctx: RiskContext,
  rules: readonly RiskRule[] = FOUNDATION_RULES,
): readonly Rejection[] {
  const failures: Rejection[] = [];
  for (const rule of rules) {
    const verdict = rule(ctx);
    if (!verdict.ok) {
      failures.push(verdict);
    }
  }
  return failures;
}
