// Position caps per symbol for the strategy's book in the account (ARCHITECTURE §5): quantity,
// notional and share of the account's total asset, each measured after this order and the
// book's open orders on the same side fill. Only orders that add to a position are judged.
import { formatMoney, type Money } from '../money/index.js';
import { PASS, fail } from './verdict.js';
import { PositionEffect, positionEffect } from './order-effect.js';
import { quantityNotional, scopeWords } from './order-price.js';
import { reservationPrice } from './reservation.js';
import type { OrderRiskContext, OrderRiskRule } from './order-risk-context.js';

const BPS = 10_000n;

function projectedQuantity({ order, position }: OrderRiskContext): number {
  return order.side === 'BUY'
    ? position.long + position.pendingLong + order.quantity
    : position.short + position.pendingShort + order.quantity;
}

export const positionLimitRule: OrderRiskRule = (ctx) => {
  const { order, instrument, limits, accountEquity } = ctx;
  if (positionEffect(order.orderType) !== PositionEffect.INCREASE) {
    return PASS;
  }
  const quantity = projectedQuantity(ctx);
  const { maxPositionQuantity, maxPositionNotional, maxPositionShareBps } = limits;
  if (maxPositionQuantity !== undefined && quantity > maxPositionQuantity.value) {
    return fail(
      'POSITION_LIMIT',
      `the book's position in ${order.symbol} would reach ${quantity}, above ${scopeWords(maxPositionQuantity.scope)} cap of ${maxPositionQuantity.value}`,
      {
        observed: quantity,
        limit: maxPositionQuantity.value,
        measure: 'quantity',
        scope: maxPositionQuantity.scope,
      },
    );
  }
  if (maxPositionNotional === undefined && maxPositionShareBps === undefined) {
    return PASS;
  }
  // Valued at this order's price: the position's own marks would need a second price feed here.
  const value: Money = quantityNotional(quantity, reservationPrice(order, instrument), instrument);
  if (maxPositionNotional !== undefined && value > maxPositionNotional.value) {
    return fail(
      'POSITION_LIMIT',
      `the book's position in ${order.symbol} would be worth ${formatMoney(value)} CNY, above ${scopeWords(maxPositionNotional.scope)} cap of ${formatMoney(maxPositionNotional.value)} CNY`,
      {
        observed: formatMoney(value),
        limit: formatMoney(maxPositionNotional.value),
        measure: 'notional',
        scope: maxPositionNotional.scope,
      },
    );
  }
  if (
    maxPositionShareBps !== undefined &&
    value * BPS > accountEquity * BigInt(maxPositionShareBps.value)
  ) {
    const shareBps =
      accountEquity > 0n ? Number((value * BPS + accountEquity - 1n) / accountEquity) : Infinity;
    return fail(
      'POSITION_LIMIT',
      `the book's position in ${order.symbol} would be ${shareBps / 100}% of the account's ${formatMoney(accountEquity)} CNY, above ${scopeWords(maxPositionShareBps.scope)} ${maxPositionShareBps.value / 100}%`,
      {
        observed: Number.isFinite(shareBps) ? shareBps : 'unbounded',
        limit: maxPositionShareBps.value,
        unit: 'bps',
        measure: 'share',
        scope: maxPositionShareBps.scope,
      },
    );
  }
  return PASS;
};
