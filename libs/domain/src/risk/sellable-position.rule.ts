// A strategy sells only what its book owns and may sell today (T+1: cn-market-rules §6).
import { PASS, fail, type RiskRule } from './verdict.js';

export const sellablePositionRule: RiskRule = ({ order, sellableQuantity }) => {
  if (order.side !== 'SELL' || order.quantity <= sellableQuantity) {
    return PASS;
  }
  return fail(
    'INSUFFICIENT_POSITION',
    `selling ${order.quantity} ${order.symbol} but the strategy's book can sell ${Math.max(sellableQuantity, 0)} today`,
    { quantity: order.quantity, sellable: Math.max(sellableQuantity, 0) },
  );
};
