// Gross exposure caps (ARCHITECTURE §4–5): the sum of |position notional| plus open increasing
// orders, for the strategy's book in the account and for the whole account, after this order.
// Orders that reduce a position never add exposure and pass.
import { asMoney, formatMoney } from '../money/index.js';
import { PASS, fail } from './verdict.js';
import { PositionEffect, positionEffect } from './order-effect.js';
import { orderNotional, scopeWords } from './order-price.js';
import type { OrderRiskRule } from './order-risk-context.js';

export const grossExposureRule: OrderRiskRule = (ctx) => {
  const { order, instrument, limits } = ctx;
  const { maxGrossExposure: book, maxAccountGrossExposure: account } = limits;
  if (
    (book === undefined && account === undefined) ||
    positionEffect(order.orderType) !== PositionEffect.INCREASE
  ) {
    return PASS;
  }
  const added = orderNotional(order, instrument);
  for (const [cap, before, whose] of [
    [book, ctx.bookGrossExposure, "the strategy's book"],
    [account, ctx.accountGrossExposure, 'the account'],
  ] as const) {
    const after = asMoney(before + added);
    if (cap !== undefined && after > cap.value) {
      return fail(
        'GROSS_EXPOSURE',
        `the order brings ${whose}'s gross exposure to ${formatMoney(after)} CNY, above ${scopeWords(cap.scope)} cap of ${formatMoney(cap.value)} CNY`,
        {
          observed: formatMoney(after),
          limit: formatMoney(cap.value),
          before: formatMoney(before),
          scope: cap.scope,
        },
      );
    }
  }
  return PASS;
};
