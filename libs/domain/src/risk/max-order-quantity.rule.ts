// Largest quantity per order: the exchange's cap by board and price kind (cn-market-rules §3:
// STAR 100,000 limit / 50,000 market, ChiNext 300,000 / 150,000, main board 1,000,000; CFFEX
// index futures 20 / 10 lots) and the desk's maxOrderQuantity; the smaller binds.
import { PASS, fail } from './verdict.js';
import { isMarketPriceType, type QuantityCap } from './market-parameters.js';
import { scopeWords } from './order-price.js';
import type { OrderRiskRule } from './order-risk-context.js';

export const maxOrderQuantityRule: OrderRiskRule = ({ order, instrument, limits, market }) => {
  const { security } = instrument;
  const kind = isMarketPriceType(order.priceType) ? 'market' : 'limit';
  const caps: QuantityCap | undefined =
    security.board === 'FUTURE'
      ? market.futuresMaxOrderQuantity[security.product ?? '']
      : market.maxOrderQuantity[security.board];
  const exchangeCap = caps?.[kind] ?? null;
  const desk = limits.maxOrderQuantity;
  const exchangeBinds = exchangeCap !== null && (desk === undefined || exchangeCap <= desk.value);
  const cap = exchangeBinds ? exchangeCap : (desk?.value ?? null);
  if (cap === null || order.quantity <= cap) {
    return PASS;
  }
  const who = exchangeBinds
    ? `the exchange's cap for ${kind} orders on ${security.symbol}`
    : `${scopeWords(desk?.scope ?? 'global')} cap per order`;
  return fail('MAX_ORDER_QTY', `quantity ${order.quantity} is above ${who} of ${cap}`, {
    observed: order.quantity,
    limit: cap,
    source: exchangeBinds ? 'exchange' : (desk?.scope ?? 'global'),
    priceKind: kind,
  });
};
