import {
  NO_FLOW,
  aCancelContext,
  anInstrument,
  cases,
  limitsOf,
  withOrder,
} from '@qmt/domain/testing';
import { cancelRateRule } from './cancel-rate.rule.js';
import { dailyOrderLimitRule } from './daily-order-limit.rule.js';
import { RateWindow, addToDailyCount, dailyCountOn } from './flow-window.js';
import { flowUsage, flowWarnings } from './flow-usage.js';
import { PROGRAMMATIC_THRESHOLDS } from './limits.js';
import { orderRateRule } from './order-rate.rule.js';
import type { CancelRiskContext, FlowCounts, OrderRiskContext } from './order-risk-context.js';
import type { Verdict } from './verdict.js';

const codeOf = (verdict: Verdict) => (verdict.ok ? null : verdict.rule);
const flowing = (flow: Partial<FlowCounts>, over: Partial<OrderRiskContext> = {}) =>
  withOrder({}, { flow: { ...NO_FLOW, ...flow }, ...over });

describe('orderRateRule: the order that reaches the per-second cap passes, the next fails', () => {
  const cap = limitsOf({ maxOrdersPerSecond: 10 });
  it.each(
    cases<OrderRiskContext>([
      ['9 earlier this second', flowing({ bookOrdersLastSecond: 9 }, { limits: cap }), null],
      [
        '10 earlier this second',
        flowing({ bookOrdersLastSecond: 10 }, { limits: cap }),
        'ORDER_RATE',
      ],
      // cn-market-rules §8: reaching 300 orders plus cancels a second is high-frequency trading.
      [
        'the account at 298 messages: this is the 299th',
        flowing({ accountMessagesLastSecond: 298 }),
        null,
      ],
      [
        'the account at 299 messages: this would be the 300th',
        flowing({ accountMessagesLastSecond: 299 }),
        'ORDER_RATE',
      ],
    ]),
  )('%s', (_case, ctx, code) => {
    expect(codeOf(orderRateRule(ctx))).toBe(code);
  });

  it('names the regulator threshold', () => {
    expect(orderRateRule(flowing({ accountMessagesLastSecond: 299 }))).toMatchObject({
      details: { observed: 300, limit: 299, threshold: 300, measure: 'accountMessagesPerSecond' },
    });
  });
});

describe('dailyOrderLimitRule: the order that reaches the daily cap passes, the next fails', () => {
  const cap = limitsOf({ maxDailyOrders: 1_000 });
  it.each(
    cases<OrderRiskContext>([
      ['999 today', flowing({ bookOrdersToday: 999 }, { limits: cap }), null],
      ['1,000 today', flowing({ bookOrdersToday: 1_000 }, { limits: cap }), 'DAILY_ORDER_LIMIT'],
      ['the account at 19,998 messages', flowing({ accountMessagesToday: 19_998 }), null],
      [
        'the account at 19,999 messages',
        flowing({ accountMessagesToday: 19_999 }),
        'DAILY_ORDER_LIMIT',
      ],
    ]),
  )('%s', (_case, ctx, code) => {
    expect(codeOf(dailyOrderLimitRule(ctx))).toBe(code);
  });
});

describe('cancelRateRule (§8): each cancel measure at its cap passes, one more fails', () => {
  const cancelWith = (flow: Partial<FlowCounts>, over: Partial<CancelRiskContext> = {}) =>
    aCancelContext({ flow: { ...NO_FLOW, ...flow }, ...over });
  const perSecond = limitsOf({ maxCancelsPerSecond: 5 });
  const daily = limitsOf({ maxDailyCancels: 100 });
  const ratio = limitsOf({ maxCancelRatioBps: 5_000, cancelRatioMinOrders: 10 });
  const ifFuture = anInstrument('IF2612.IF', '3900');
  const contract = limitsOf({ maxFuturesDailyCancels: 499 });
  it.each(
    cases<CancelRiskContext>([
      [
        '4 cancels this second',
        cancelWith({ bookCancelsLastSecond: 4 }, { limits: perSecond }),
        null,
      ],
      [
        '5 cancels this second',
        cancelWith({ bookCancelsLastSecond: 5 }, { limits: perSecond }),
        'CANCEL_RATE',
      ],
      ['99 cancels today', cancelWith({ bookCancelsToday: 99 }, { limits: daily }), null],
      [
        '100 cancels today',
        cancelWith({ bookCancelsToday: 100 }, { limits: daily }),
        'CANCEL_RATE',
      ],
      [
        '4 + 1 cancels for 10 orders: 50%',
        cancelWith({ bookCancelsToday: 4, bookOrdersToday: 10 }, { limits: ratio }),
        null,
      ],
      [
        '5 + 1 cancels for 10 orders: 60%',
        cancelWith({ bookCancelsToday: 5, bookOrdersToday: 10 }, { limits: ratio }),
        'CANCEL_RATE',
      ],
      [
        'the ratio waits for 10 orders',
        cancelWith({ bookCancelsToday: 8, bookOrdersToday: 9 }, { limits: ratio }),
        null,
      ],
      [
        '498 cancels on the contract',
        cancelWith({}, { limits: contract, instrument: ifFuture, futuresCancelsToday: 498 }),
        null,
      ],
      [
        '499 cancels on the contract',
        cancelWith({}, { limits: contract, instrument: ifFuture, futuresCancelsToday: 499 }),
        'CANCEL_RATE',
      ],
      [
        'the contract cap is for futures',
        cancelWith({}, { limits: contract, futuresCancelsToday: 499 }),
        null,
      ],
      [
        'the account at 298 messages this second',
        cancelWith({ accountMessagesLastSecond: 298 }),
        null,
      ],
      [
        'the account at 299 messages this second',
        cancelWith({ accountMessagesLastSecond: 299 }),
        'CANCEL_RATE',
      ],
      [
        'the account at 19,999 messages today',
        cancelWith({ accountMessagesToday: 19_999 }),
        'CANCEL_RATE',
      ],
    ]),
  )('%s', (_case, ctx, code) => {
    expect(codeOf(cancelRateRule(ctx))).toBe(code);
  });

  it('reports the ratio in basis points', () => {
    expect(
      cancelRateRule(cancelWith({ bookCancelsToday: 5, bookOrdersToday: 10 }, { limits: ratio })),
    ).toMatchObject({
      details: {
        observed: 6_000,
        limit: 5_000,
        measure: 'cancelToOrderRatio',
        cancels: 6,
        orders: 10,
      },
    });
  });
});

describe('flowUsage: the share of each high-frequency threshold used (warning at 80%)', () => {
  it.each<[number, number, readonly string[]]>([
    [239, 15_999, []],
    [240, 15_999, ['perSecond']],
    [0, 16_000, ['perDay']],
    [300, 20_000, ['perSecond', 'perDay']],
  ])('%d this second and %d today → warnings %p', (second, day, warnings) => {
    const usage = flowUsage(
      { accountMessagesLastSecond: second, accountMessagesToday: day },
      PROGRAMMATIC_THRESHOLDS,
    );
    expect(usage).toEqual({ perSecond: second / 300, perDay: day / 20_000 });
    expect(flowWarnings(usage)).toEqual(warnings);
  });
});

describe('RateWindow: counts per whole second, time passed in', () => {
  const t0 = Date.UTC(2026, 10, 24, 2, 0, 0);
  it('counts the current second for a 1,000 ms window and forgets the previous one', () => {
    const window = new RateWindow(60);
    expect(window.record(t0 - 1)).toBe(1);
    expect(window.record(t0)).toBe(1);
    // record answers the second's count so far: the account's peak per second costs nothing.
    expect(window.record(t0 + 999, 2)).toBe(3);
    expect(window.countSince(t0 + 999, 1_000)).toBe(3);
    expect(window.countSince(t0 + 1_000, 1_000)).toBe(0);
    expect(window.countSince(t0 + 999, 2_000)).toBe(4);
  });

  it('forgets a second once the ring comes round to it again', () => {
    const window = new RateWindow(5);
    window.record(t0, 7);
    expect(window.countSince(t0 + 4_000, 5_000)).toBe(7);
    expect(window.countSince(t0 + 5_000, 5_000)).toBe(0);
    window.record(t0 + 5_000);
    expect(window.countSince(t0 + 5_000, 1_000)).toBe(1);
  });

  it('caps a window longer than its span at the span', () => {
    const window = new RateWindow(3);
    window.record(t0);
    window.record(t0 + 2_000);
    expect(window.countSince(t0 + 2_000, 60_000)).toBe(2);
  });

  it('refuses a span that is not a whole number of seconds', () => {
    expect(() => new RateWindow(0)).toThrow(RangeError);
  });

  it('restarts a daily count on a new trading day', () => {
    const monday = addToDailyCount(addToDailyCount(undefined, '2026-11-23'), '2026-11-23', 4);
    expect(dailyCountOn(monday, '2026-11-23')).toBe(5);
    expect(dailyCountOn(monday, '2026-11-24')).toBe(0);
    expect(addToDailyCount(monday, '2026-11-24')).toEqual({ day: '2026-11-24', count: 1 });
  });
});
