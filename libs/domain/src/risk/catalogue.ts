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
import type { Rejection, Verdict } from './verdict.js';
import { CANCEL_RULES } from './order-catalogue.js';
import type { CancelRiskContext, CancelRiskRule } from './order-risk-context.js';

export const FOUNDATION_RULES: readonly RiskRule[] = [
  instrumentTradableRule,
  lotSizeRule,
  tickSizeRule,
  priceLimitRule,
  sellablePositionRule,
  strategyBudgetRule,
  cashRule,
];

/**
 * Every failing verdict in catalogue order, not only the first (an empty array approves). Runs
 * the foundation catalogue on a RiskContext, or ORDER_RULES on an OrderRiskContext.
 */
export function checkAll<C extends RiskContext>(
  ctx: C,
  rules: readonly ((ctx: C) => Verdict)[] = FOUNDATION_RULES,
): readonly Rejection[] {
  return failures(ctx, rules);
}

/** Every failing verdict of a cancel request (CANCEL_RULES by default). */
export function checkCancel(
  ctx: CancelRiskContext,
  rules: readonly CancelRiskRule[] = CANCEL_RULES,
): readonly Rejection[] {
  return failures(ctx, rules);
}

function failures<C>(ctx: C, rules: readonly ((ctx: C) => Verdict)[]): readonly Rejection[] {
  const found: Rejection[] = [];
  for (const rule of rules) {
    const verdict = rule(ctx);
    if (!verdict.ok) {
      found.push(verdict);
    }
  }
  return found;
}
