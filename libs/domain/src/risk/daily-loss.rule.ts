// Daily loss limits (issue 5 §5): once the book's or the account's P&L of the trading day is a
// loss beyond its cap, orders that add to a position are refused; a loss exactly at the cap
// passes. lossBreaches() tells the app which scopes to move to REDUCE_ONLY.
import { asMoney, formatMoney, type Money } from '../money/index.js';
import { PASS, fail } from './verdict.js';
import { PositionEffect, positionEffect } from './order-effect.js';
import { scopeWords } from './order-price.js';
import type { Bound, EffectiveLimits } from './limits.js';
import type { KillSwitchScope } from './kill-switch.js';
import type { OrderRiskRule } from './order-risk-context.js';

function lossOf(pnl: Money): Money {
  return asMoney(0n - pnl);
}

function beyond(pnl: Money, cap: Bound<Money> | undefined): cap is Bound<Money> {
  return cap !== undefined && lossOf(pnl) > cap.value;
}

export const dailyLossRule: OrderRiskRule = ({ order, limits, bookDailyPnl, accountDailyPnl }) => {
  if (positionEffect(order.orderType) !== PositionEffect.INCREASE) {
    return PASS;
  }
  for (const [pnl, cap, whose] of [
    [bookDailyPnl, limits.maxDailyLoss, "the strategy's book"],
    [accountDailyPnl, limits.maxAccountDailyLoss, 'the account'],
  ] as const) {
    if (beyond(pnl, cap)) {
      return fail(
        'DAILY_LOSS',
        `${whose} has lost ${formatMoney(lossOf(pnl))} CNY today, beyond ${scopeWords(cap.scope)} daily loss limit of ${formatMoney(cap.value)} CNY: only reducing orders pass`,
        { observed: formatMoney(lossOf(pnl)), limit: formatMoney(cap.value), scope: cap.scope },
      );
    }
  }
  return PASS;
};

/**
 * The kill-switch scopes a loss breach moves to REDUCE_ONLY: the strategy when its book's loss is
 * beyond maxDailyLoss (the switch has no strategy×account scope, so the strategy everywhere),
 * the account when the account's loss is beyond maxAccountDailyLoss.
 */
export function lossBreaches(input: {
  readonly accountId: string;
  readonly strategyId: string;
  readonly limits: EffectiveLimits;
  readonly bookDailyPnl: Money;
  readonly accountDailyPnl: Money;
}): readonly KillSwitchScope[] {
  const scopes: KillSwitchScope[] = [];
  if (beyond(input.bookDailyPnl, input.limits.maxDailyLoss)) {
    scopes.push({ type: 'strategy', id: input.strategyId });
  }
  if (beyond(input.accountDailyPnl, input.limits.maxAccountDailyLoss)) {
    scopes.push({ type: 'account', id: input.accountId });
  }
  return scopes;
}
