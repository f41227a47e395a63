import { anInstrument, anOrderContext, limitsOf, withOrder, yuan } from '@qmt/domain/testing';
import { asMoney, moneyFromYuan } from '../money/index.js';
import { CANCEL_RULES, ORDER_RULES } from './order-catalogue.js';
import type { OrderRiskContext } from './order-risk-context.js';
import { FOUNDATION_RULES, checkAll, checkCancel } from './catalogue.js';
import { aCancelContext, shanghai } from '@qmt/domain/testing';

const rules = (ctx: OrderRiskContext) => checkAll(ctx, ORDER_RULES).map((f) => f.rule);

describe('ORDER_RULES, the full catalogue', () => {
  it('approves a clean buy and a clean sell with an empty list', () => {
    expect(checkAll(anOrderContext(), ORDER_RULES)).toEqual([]);
    expect(
      checkAll(
        withOrder({ side: 'SELL', orderType: 24 }, { sellableQuantity: 100, heldQuantity: 100 }),
        ORDER_RULES,
      ),
    ).toEqual([]);
  });

  it('holds every foundation rule, and the foundation catalogue is unchanged', () => {
    expect(FOUNDATION_RULES).toHaveLength(7);
    expect(ORDER_RULES).toHaveLength(26);
    expect(CANCEL_RULES).toHaveLength(2);
  });

  it('reports every failing rule in catalogue order', () => {
    const ctx = withOrder(
      { quantity: 150, limitPrice: yuan('13.001') },
      {
        instrument: anInstrument('000001.SZ', '11.50', { status: 'SUSPENDED' }),
        killSwitch: { global: 'HALTED', account: 'ACTIVE', strategy: 'ACTIVE' },
        limits: {
          ...limitsOf({ maxOpenOrders: 1, maxPriceDeviationBps: 100 }),
          restrictedBy: 'global',
        },
        bookOpenOrders: 1,
        availableCash: asMoney(0n),
        strategyBudgetLeft: asMoney(0n),
      },
    );
    expect(rules(ctx)).toEqual([
      'KILL_SWITCH',
      'RESTRICTED',
      'INSTRUMENT_HALTED',
      'LOT_SIZE',
      'TICK_SIZE',
      'PRICE_LIMIT',
      'PRICE_CAGE',
      'PRICE_DEVIATION',
      'OPEN_ORDER_LIMIT',
      'STRATEGY_BUDGET',
      'INSUFFICIENT_CASH',
    ]);
  });

  it('gives every rejection an observed value and a limit', () => {
    const ctx = withOrder(
      { quantity: 2_000_001, limitPrice: null, priceType: 42, orderType: 28, side: 'SELL' },
      {
        now: shanghai('09:26:00'),
        limits: limitsOf({
          maxOrderQuantity: 1,
          maxOrderNotional: moneyFromYuan(1),
          maxOrdersPerSecond: 0,
          maxDailyOrders: 0,
          maxOpenOrders: 0,
          maxPositionQuantity: 0,
          maxGrossExposure: asMoney(0n),
          duplicateWindowMs: 10_000,
          maxDailyLoss: asMoney(0n),
        }),
        lastIdenticalOrderAt: shanghai('09:25:59').getTime(),
        restingOpposite: [
          { orderId: 'x', strategyId: 'beta', side: 'BUY', limitPrice: yuan('11'), quantity: 100 },
        ],
        bookDailyPnl: asMoney(-1n),
      },
    );
    const failures = checkAll(ctx, ORDER_RULES);
    expect(failures.length).toBeGreaterThan(10);
    for (const failure of failures) {
      expect(failure.details).toHaveProperty('observed');
      expect(failure.details).toHaveProperty('limit');
    }
  });

  it('checks a cancel with its own catalogue', () => {
    expect(checkCancel(aCancelContext())).toEqual([]);
    expect(checkCancel(aCancelContext({ now: shanghai('09:22:00') })).map((f) => f.rule)).toEqual([
      'SESSION_CLOSED',
    ]);
  });
});
