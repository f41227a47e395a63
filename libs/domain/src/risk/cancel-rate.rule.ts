// Cancel flow (cn-market-rules.md §8: frequent cancellation and high cancel ratios are watched;
// CFFEX treats 500 cancels a day on one contract as abnormal): the book's cancels per second and
// per day, its cancel-to-order ratio once it has sent cancelRatioMinOrders orders, the contract's
// daily cancels, and the account's orders plus cancels below the high-frequency thresholds.
import { PASS, fail } from './verdict.js';
import { belowThreshold } from './flow-usage.js';
import { scopeWords } from './order-price.js';
import type { CancelRiskRule } from './order-risk-context.js';

const BPS = 10_000;

export const cancelRateRule: CancelRiskRule = ({
  limits,
  flow,
  instrument,
  futuresCancelsToday,
}) => {
  const { maxCancelsPerSecond, maxDailyCancels, maxCancelRatioBps, cancelRatioMinOrders } = limits;
  const perSecond = flow.bookCancelsLastSecond + 1;
  if (maxCancelsPerSecond !== undefined && perSecond > maxCancelsPerSecond.value) {
    return fail(
      'CANCEL_RATE',
      `this would be the book's cancel number ${perSecond} in this second, above ${scopeWords(maxCancelsPerSecond.scope)} ${maxCancelsPerSecond.value} per second`,
      {
        observed: perSecond,
        limit: maxCancelsPerSecond.value,
        measure: 'bookCancelsPerSecond',
      },
    );
  }
  const today = flow.bookCancelsToday + 1;
  if (maxDailyCancels !== undefined && today > maxDailyCancels.value) {
    return fail(
      'CANCEL_RATE',
      `this would be the book's cancel number ${today} today, above ${scopeWords(maxDailyCancels.scope)} ${maxDailyCancels.value} per day`,
      {
        observed: today,
        limit: maxDailyCancels.value,
        measure: 'bookCancelsToday',
      },
    );
  }
  const orders = flow.bookOrdersToday;
  if (
    maxCancelRatioBps !== undefined &&
    orders >= (cancelRatioMinOrders?.value ?? 0) &&
    today * BPS > orders * maxCancelRatioBps.value
  ) {
    const ratioBps = orders === 0 ? 'unbounded' : Math.ceil((today * BPS) / orders);
    return fail(
      'CANCEL_RATE',
      `${today} cancels for ${orders} orders today is above ${scopeWords(maxCancelRatioBps.scope)} cancel-to-order ratio of ${maxCancelRatioBps.value / 100}%`,
      {
        observed: ratioBps,
        limit: maxCancelRatioBps.value,
        unit: 'bps',
        measure: 'cancelToOrderRatio',
        cancels: today,
        orders,
      },
    );
  }
  const contractCap = limits.maxFuturesDailyCancels;
  const contractToday = futuresCancelsToday + 1;
  if (
    instrument.security.board === 'FUTURE' &&
    contractCap !== undefined &&
    contractToday > contractCap.value
  ) {
    return fail(
      'CANCEL_RATE',
      `this would be cancel number ${contractToday} today on ${instrument.security.symbol}, above ${scopeWords(contractCap.scope)} ${contractCap.value} per contract`,
      {
        observed: contractToday,
        limit: contractCap.value,
        measure: 'contractCancelsToday',
      },
    );
  }
  const { messagesPerSecond, messagesPerDay } = limits.programmaticTrading;
  for (const [after, threshold, measure] of [
    [flow.accountMessagesLastSecond + 1, messagesPerSecond, 'accountMessagesPerSecond'],
    [flow.accountMessagesToday + 1, messagesPerDay, 'accountMessagesToday'],
  ] as const) {
    if (after > belowThreshold(threshold)) {
      return fail(
        'CANCEL_RATE',
        `this cancel would be the account's message number ${after} (orders plus cancels); ${threshold} makes it a high-frequency trader`,
        {
          observed: after,
          limit: belowThreshold(threshold),
          measure,
          threshold,
        },
      );
    }
  }
  return PASS;
};
