// Self-trade prevention inside one account (ARCHITECTURE §5; cn-market-rules §8 watches wash
// trades): an incoming order that would cross a resting order of the same account and symbol.
// By configuration the incoming order is refused, or it passes and the app cancels the crossed
// resting orders (restingOrdersToCancel) before it routes the incoming one.
import { formatPrice } from '../money/index.js';
import { PASS, fail } from './verdict.js';
import { SelfTradePolicy } from './limits.js';
import type { OrderRiskContext, OrderRiskRule, RestingOrder } from './order-risk-context.js';
import type { RiskOrder } from './risk-context.js';

/** The resting orders the incoming one would trade against: opposite side, prices crossing. */
export function selfTradeConflicts(
  incoming: RiskOrder,
  resting: readonly RestingOrder[],
): readonly RestingOrder[] {
  const price = incoming.limitPrice;
  return resting.filter((other) => {
    if (other.side === incoming.side || other.quantity <= 0) {
      return false;
    }
    if (price === null || other.limitPrice === null) {
      return true;
    }
    return incoming.side === 'BUY' ? price >= other.limitPrice : price <= other.limitPrice;
  });
}

function policyOf(ctx: OrderRiskContext): SelfTradePolicy {
  return ctx.limits.selfTradePolicy?.value ?? SelfTradePolicy.REJECT_INCOMING;
}

/** Under CANCEL_RESTING, the ids of the resting orders to cancel first; otherwise none. */
export function restingOrdersToCancel(ctx: OrderRiskContext): readonly string[] {
  return policyOf(ctx) === SelfTradePolicy.CANCEL_RESTING
    ? selfTradeConflicts(ctx.order, ctx.restingOpposite).map((o) => o.orderId)
    : [];
}

export const selfTradeRule: OrderRiskRule = (ctx) => {
  if (ctx.restingOpposite.length === 0 || policyOf(ctx) === SelfTradePolicy.CANCEL_RESTING) {
    return PASS;
  }
  const conflicts = selfTradeConflicts(ctx.order, ctx.restingOpposite);
  const first = conflicts[0];
  if (first === undefined) {
    return PASS;
  }
  const restingPrice = first.limitPrice === null ? 'market' : formatPrice(first.limitPrice);
  return fail(
    'SELF_TRADE',
    `the order would trade against resting ${first.side.toLowerCase()} ${first.orderId} of strategy ${first.strategyId} at ${restingPrice} in the same account`,
    {
      observed: ctx.order.limitPrice === null ? 'market' : formatPrice(ctx.order.limitPrice),
      limit: restingPrice,
      restingOrderId: first.orderId,
      restingStrategyId: first.strategyId,
      crossed: conflicts.length,
    },
  );
};
