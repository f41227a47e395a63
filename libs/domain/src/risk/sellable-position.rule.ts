// A strategy sells only what its book owns and may sell today: cn-market-rules.md §6 (T+1 for
// A-shares and most funds; today's buys are not sellable) and ARCHITECTURE §5 (books per strategy).
import { unitWords } from '../instrument/index.js';
import { PASS, fail } from './verdict.js';
import type { RiskRule } from './risk-context.js';

export const sellablePositionRule: RiskRule = ({ order, instrument, sellableQuantity }) => {
  if (order.side !== 'SELL' || order.quantity <= sellableQuantity) {
    return PASS;
  }
  const sellable = Math.max(sellableQuantity, 0);
  return fail(
    'INSUFFICIENT_POSITION',
    `selling ${order.quantity} ${unitWords(instrument.security)} of ${order.symbol} but the strategy's book can sell ${sellable} today`,
    { observed: order.quantity, limit: sellable, quantity: order.quantity, sellable },
  );
};
