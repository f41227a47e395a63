// Order rate per second: the book's maxOrdersPerSecond, and the account's orders plus cancels
// kept below the high-frequency threshold of cn-market-rules.md §8 (300 per second) as a hard
// stop. Counts are per whole second (flow-window.ts) and include this order.
import { PASS, fail } from './verdict.js';
import { belowThreshold } from './flow-usage.js';
import { scopeWords } from './order-price.js';
import type { OrderRiskRule } from './order-risk-context.js';

export const orderRateRule: OrderRiskRule = ({ limits, flow }) => {
  const cap = limits.maxOrdersPerSecond;
  const bookAfter = flow.bookOrdersLastSecond + 1;
  if (cap !== undefined && bookAfter > cap.value) {
    return fail(
      'ORDER_RATE',
      `this would be the book's order number ${bookAfter} in this second, above ${scopeWords(cap.scope)} ${cap.value} per second`,
      { observed: bookAfter, limit: cap.value, measure: 'bookOrdersPerSecond', scope: cap.scope },
    );
  }
  const threshold = limits.programmaticTrading.messagesPerSecond;
  const accountAfter = flow.accountMessagesLastSecond + 1;
  if (accountAfter > belowThreshold(threshold)) {
    return fail(
      'ORDER_RATE',
      `this would be the account's message number ${accountAfter} (orders plus cancels) in this second; ${threshold} makes it a high-frequency trader`,
      {
        observed: accountAfter,
        limit: belowThreshold(threshold),
        measure: 'accountMessagesPerSecond',
        threshold,
      },
    );
  }
  return PASS;
};
