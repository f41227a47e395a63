// Futures daily open limit per contract and account (cn-market-rules.md §8: index futures open
// limits of a few hundred to a few thousand lots, changed often, so configured). Closes are free.
import { PASS, fail } from './verdict.js';
import { mayOpenFutures } from './order-effect.js';
import { scopeWords } from './order-price.js';
import type { OrderRiskRule } from './order-risk-context.js';

export const futuresOpenLimitRule: OrderRiskRule = ({
  order,
  instrument,
  limits,
  futuresOpenedToday,
}) => {
  const cap = limits.maxFuturesDailyOpen;
  if (
    instrument.security.board !== 'FUTURE' ||
    !mayOpenFutures(order.orderType) ||
    cap === undefined
  ) {
    return PASS;
  }
  const after = futuresOpenedToday + order.quantity;
  if (after <= cap.value) {
    return PASS;
  }
  return fail(
    'FUTURES_OPEN_LIMIT',
    `opening ${order.quantity} lots of ${order.symbol} brings today's opens to ${after}, above ${scopeWords(cap.scope)} daily open limit of ${cap.value}`,
    { observed: after, limit: cap.value, openedToday: futuresOpenedToday, scope: cap.scope },
  );
};
