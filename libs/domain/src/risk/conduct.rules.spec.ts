import { anOrderContext, cases, limitsOf, withOrder, yuan } from '@qmt/domain/testing';
import { duplicateOrderRule } from './duplicate-order.rule.js';
import { restrictedRule } from './restricted.rule.js';
import { restingOrdersToCancel, selfTradeConflicts, selfTradeRule } from './self-trade.rule.js';
import { type SelfTradePolicy } from './limits.js';
import type { OrderRiskContext, RestingOrder } from './order-risk-context.js';
import type { Verdict } from './verdict.js';

const codeOf = (verdict: Verdict) => (verdict.ok ? null : verdict.rule);

describe('duplicateOrderRule: a twin inside the window fails, exactly one window later passes', () => {
  const now = anOrderContext().now.getTime();
  const windowed = (lastAt: number | null) =>
    withOrder({}, { limits: limitsOf({ duplicateWindowMs: 1_000 }), lastIdenticalOrderAt: lastAt });
  it.each(
    cases<OrderRiskContext>([
      ['no twin', windowed(null), null],
      ['a twin 999 ms ago', windowed(now - 999), 'DUPLICATE_ORDER'],
      ['a twin 1,000 ms ago', windowed(now - 1_000), null],
      ['a twin at the same instant', windowed(now), 'DUPLICATE_ORDER'],
      ['no window configured', withOrder({}, { lastIdenticalOrderAt: now }), null],
    ]),
  )('%s', (_case, ctx, code) => {
    expect(codeOf(duplicateOrderRule(ctx))).toBe(code);
  });
});

describe('selfTradeRule: an incoming order crossing a resting one of the same account', () => {
  const sellAt = (price: string | null, over: Partial<RestingOrder> = {}): RestingOrder => ({
    orderId: 'O-beta-1',
    strategyId: 'beta',
    side: 'SELL',
    limitPrice: price === null ? null : yuan(price),
    quantity: 100,
    ...over,
  });
  // The default incoming order buys at 11.60.
  const against = (resting: RestingOrder[], policy?: SelfTradePolicy) =>
    withOrder(
      {},
      {
        restingOpposite: resting,
        limits: limitsOf(policy === undefined ? {} : { selfTradePolicy: policy }),
      },
    );
  it.each(
    cases<OrderRiskContext>([
      ['a buy at 11.60 against a sell at 11.60', against([sellAt('11.60')]), 'SELF_TRADE'],
      ['a buy at 11.60 against a sell at 11.61', against([sellAt('11.61')]), null],
      ['against a resting market remainder', against([sellAt(null)]), 'SELF_TRADE'],
      [
        'a market buy against any sell',
        { ...against([sellAt('99')]), order: { ...against([]).order, limitPrice: null } },
        'SELF_TRADE',
      ],
      ['a resting order on the same side', against([sellAt('11.00', { side: 'BUY' })]), null],
      ['a fully filled resting order', against([sellAt('11.00', { quantity: 0 })]), null],
      [
        'the strategy’s own resting sell',
        against([sellAt('11.00', { strategyId: 'alpha' })]),
        'SELF_TRADE',
      ],
      [
        'CANCEL_RESTING lets the incoming order through',
        against([sellAt('11.60')], 'CANCEL_RESTING'),
        null,
      ],
      [
        'a sell at 11.50 against a resting buy at 11.50',
        withOrder(
          { side: 'SELL' },
          {
            restingOpposite: [{ ...sellAt('11.50'), side: 'BUY' }],
            order: { ...anOrderContext().order, side: 'SELL', limitPrice: yuan('11.50') },
          },
        ),
        'SELF_TRADE',
      ],
      [
        'a sell at 11.51 against a resting buy at 11.50',
        withOrder(
          { side: 'SELL' },
          {
            restingOpposite: [{ ...sellAt('11.50'), side: 'BUY' }],
            order: { ...anOrderContext().order, side: 'SELL', limitPrice: yuan('11.51') },
          },
        ),
        null,
      ],
    ]),
  )('%s', (_case, ctx, code) => {
    expect(codeOf(selfTradeRule(ctx))).toBe(code);
  });

  it('names the resting order it would cross', () => {
    expect(selfTradeRule(against([sellAt('11.60')]))).toMatchObject({
      rule: 'SELF_TRADE',
      details: {
        observed: '11.6',
        limit: '11.6',
        restingOrderId: 'O-beta-1',
        restingStrategyId: 'beta',
        crossed: 1,
      },
    });
  });

  it('under CANCEL_RESTING returns the crossed resting orders to cancel, and only those', () => {
    const ctx = against(
      [
        sellAt('11.55', { orderId: 'A' }),
        sellAt('11.70', { orderId: 'B' }),
        sellAt('11.60', { orderId: 'C' }),
      ],
      'CANCEL_RESTING',
    );
    expect(restingOrdersToCancel(ctx)).toEqual(['A', 'C']);
    expect(restingOrdersToCancel(against([sellAt('11.55')]))).toEqual([]);
    expect(selfTradeConflicts(ctx.order, ctx.restingOpposite).map((o) => o.orderId)).toEqual([
      'A',
      'C',
    ]);
  });
});

describe('restrictedRule', () => {
  const restricted = (scope: OrderRiskContext['limits']['restrictedBy']) =>
    withOrder({}, { limits: { ...limitsOf(), restrictedBy: scope } });
  it.each(
    cases<OrderRiskContext>([
      ['an unrestricted symbol', restricted(null), null],
      ['restricted by the account list', restricted('account'), 'RESTRICTED'],
      ['restricted on its symbol scope', restricted('symbol'), 'RESTRICTED'],
      [
        'a sell of a restricted symbol',
        { ...restricted('global'), order: { ...restricted('global').order, side: 'SELL' } },
        'RESTRICTED',
      ],
    ]),
  )('%s', (_case, ctx, code) => {
    expect(codeOf(restrictedRule(ctx))).toBe(code);
  });
});
