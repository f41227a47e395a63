// The full pre-trade catalogue (issue 5), run by the same checkAll as the foundation: who may
// trade at all first (kill switch, restricted list, instrument, session, price type), then the
// order's shape (§2–§4, §7), margin (§9), book and flow (§8), exposure, loss and cash last, in
// the order a rejection reports them. CANCEL_RULES judge cancel requests (checkCancel).
import { cancelRateRule } from './cancel-rate.rule.js';
import { cancelSessionRule } from './cancel-session.rule.js';
import { dailyLossRule } from './daily-loss.rule.js';
import { dailyOrderLimitRule } from './daily-order-limit.rule.js';
import { duplicateOrderRule } from './duplicate-order.rule.js';
import { futuresOpenLimitRule } from './futures-open-limit.rule.js';
import { grossExposureRule } from './gross-exposure.rule.js';
import { instrumentTradableRule } from './instrument-tradable.rule.js';
import { killSwitchRule } from './kill-switch.rule.js';
import { lotSizeRule } from './lot-size.rule.js';
import { marginQuotaRule } from './margin-quota.rule.js';
import { maxOrderNotionalRule } from './max-order-notional.rule.js';
import { maxOrderQuantityRule } from './max-order-quantity.rule.js';
import { openOrderLimitRule } from './open-order-limit.rule.js';
import { orderCashRule, orderSellableRule } from './order-exposure.rules.js';
import { orderRateRule } from './order-rate.rule.js';
import { positionLimitRule } from './position-limit.rule.js';
import { priceCageRule } from './price-cage.rule.js';
import { priceDeviationRule } from './price-deviation.rule.js';
import { priceLimitRule } from './price-limit.rule.js';
import { priceTypeRule } from './price-type.rule.js';
import { restrictedRule } from './restricted.rule.js';
import { selfTradeRule } from './self-trade.rule.js';
import { shortSellPriceRule } from './short-sell-price.rule.js';
import { strategyBudgetRule } from './strategy-budget.rule.js';
import { tickSizeRule } from './tick-size.rule.js';
import { tradingSessionRule } from './trading-session.rule.js';
import type { CancelRiskRule, OrderRiskRule } from './order-risk-context.js';

export const ORDER_RULES: readonly OrderRiskRule[] = [
  killSwitchRule,
  restrictedRule,
  instrumentTradableRule,
  tradingSessionRule,
  priceTypeRule,
  lotSizeRule,
  tickSizeRule,
  priceLimitRule,
  priceCageRule,
  priceDeviationRule,
  maxOrderQuantityRule,
  maxOrderNotionalRule,
  shortSellPriceRule,
  marginQuotaRule,
  orderSellableRule,
  duplicateOrderRule,
  selfTradeRule,
  orderRateRule,
  dailyOrderLimitRule,
  openOrderLimitRule,
  positionLimitRule,
  grossExposureRule,
  futuresOpenLimitRule,
  dailyLossRule,
  strategyBudgetRule,
  orderCashRule,
];

export const CANCEL_RULES: readonly CancelRiskRule[] = [cancelSessionRule, cancelRateRule];
