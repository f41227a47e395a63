// The foundation's sellable and cash rules (cn-market-rules §6, §9) where an order type changes
// what they mean: a short sale sells borrowed shares, not the book's, and a financed buy spends
// the broker's money (marginQuotaRule judges both); a futures or option sell that opens a short
// position owns nothing to sell. Everything else is the foundation rule unchanged.
import { cashRule } from './cash.rule.js';
import { PASS } from './verdict.js';
import { PositionEffect, isFinancedBuy, isShortSale, positionEffect } from './order-effect.js';
import { sellablePositionRule } from './sellable-position.rule.js';
import type { OrderRiskRule } from './order-risk-context.js';

/**
 * INSUFFICIENT_POSITION for every sell except a short sale and a derivatives sell that opens a
 * short: an unknown order type on a stock sell is still held to what the book owns.
 */
export const orderSellableRule: OrderRiskRule = (ctx) => {
  const { order, instrument } = ctx;
  const derivative =
    instrument.security.board === 'FUTURE' || instrument.security.board === 'OPTION';
  const opensShort = derivative && positionEffect(order.orderType) === PositionEffect.INCREASE;
  return isShortSale(order.orderType) || opensShort ? PASS : sellablePositionRule(ctx);
};

/** INSUFFICIENT_CASH for buys paid in cash. */
export const orderCashRule: OrderRiskRule = (ctx) =>
  isFinancedBuy(ctx.order.orderType) ? PASS : cashRule(ctx);
