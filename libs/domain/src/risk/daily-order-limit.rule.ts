// Daily order count: the book's maxDailyOrders, and the account's orders plus cancels kept below
// the high-frequency threshold of cn-market-rules.md §8 (20,000 per day) as a hard stop.
import { PASS, fail } from './verdict.js';
import { belowThreshold } from './flow-usage.js';
import { scopeWords } from './order-price.js';
import type { OrderRiskRule } from './order-risk-context.js';

export const dailyOrderLimitRule: OrderRiskRule = ({ limits, flow }) => {
  const cap = limits.maxDailyOrders;
  const bookAfter = flow.bookOrdersToday + 1;
  if (cap !== undefined && bookAfter > cap.value) {
    return fail(
      'DAILY_ORDER_LIMIT',
      `this would be the book's order number ${bookAfter} today, above ${scopeWords(cap.scope)} ${cap.value} per day`,
      { observed: bookAfter, limit: cap.value, measure: 'bookOrdersToday', scope: cap.scope },
    );
  }
  const threshold = limits.programmaticTrading.messagesPerDay;
  const accountAfter = flow.accountMessagesToday + 1;
  if (accountAfter > belowThreshold(threshold)) {
    return fail(
      'DAILY_ORDER_LIMIT',
      `this would be the account's message number ${accountAfter} (orders plus cancels) today; ${threshold} makes it a high-frequency trader`,
      {
        observed: accountAfter,
        limit: belowThreshold(threshold),
        measure: 'accountMessagesToday',
        threshold,
      },
    );
  }
  return PASS;
};
