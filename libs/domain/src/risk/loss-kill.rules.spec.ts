import { cases, limitsOf, withOrder } from '@qmt/domain/testing';
import { asMoney, moneyFromYuan } from '../money/index.js';
import { XtOrderType } from '../xt/index.js';
import { dailyLossRule, lossBreaches } from './daily-loss.rule.js';
import {
  ALL_ACTIVE,
  KillSwitchMode,
  killSwitchModesFor,
  setKillSwitch,
  strictestMode,
  type KillSwitchModes,
} from './kill-switch.js';
import { killSwitchRule } from './kill-switch.rule.js';
import { type PositionEffect, positionEffect } from './order-effect.js';
import type { OrderRiskContext } from './order-risk-context.js';
import type { Verdict } from './verdict.js';

const codeOf = (verdict: Verdict) => (verdict.ok ? null : verdict.rule);
const loss = (yuan: string) => asMoney(0n - moneyFromYuan(yuan));

describe('dailyLossRule: a loss exactly at the cap passes, 0.0001 CNY more fails', () => {
  const caps = limitsOf({
    maxDailyLoss: moneyFromYuan(10_000),
    maxAccountDailyLoss: moneyFromYuan(50_000),
  });
  it.each(
    cases<OrderRiskContext>([
      ['the book lost 10,000', withOrder({}, { limits: caps, bookDailyPnl: loss('10000') }), null],
      [
        'the book lost 10,000.0001',
        withOrder({}, { limits: caps, bookDailyPnl: loss('10000.0001') }),
        'DAILY_LOSS',
      ],
      [
        'the account lost 50,000',
        withOrder({}, { limits: caps, accountDailyPnl: loss('50000') }),
        null,
      ],
      [
        'the account lost 50,000.0001',
        withOrder({}, { limits: caps, accountDailyPnl: loss('50000.0001') }),
        'DAILY_LOSS',
      ],
      ['a gain', withOrder({}, { limits: caps, bookDailyPnl: moneyFromYuan(1e9) }), null],
      [
        'a reducing sell after the breach',
        withOrder(
          { side: 'SELL', orderType: XtOrderType.STOCK_SELL },
          { limits: caps, bookDailyPnl: loss('1000000') },
        ),
        null,
      ],
      ['no cap', withOrder({}, { bookDailyPnl: loss('1000000000') }), null],
    ]),
  )('%s', (_case, ctx, code) => {
    expect(codeOf(dailyLossRule(ctx))).toBe(code);
  });

  it('says which scopes a breach moves to REDUCE_ONLY', () => {
    const caps2 = limitsOf({
      maxDailyLoss: moneyFromYuan(10_000),
      maxAccountDailyLoss: moneyFromYuan(50_000),
    });
    const input = { accountId: 'ACC', strategyId: 'alpha', limits: caps2 };
    expect(
      lossBreaches({ ...input, bookDailyPnl: loss('10000'), accountDailyPnl: loss('50000') }),
    ).toEqual([]);
    expect(
      lossBreaches({ ...input, bookDailyPnl: loss('10000.0001'), accountDailyPnl: loss('50000') }),
    ).toEqual([{ type: 'strategy', id: 'alpha' }]);
    expect(
      lossBreaches({ ...input, bookDailyPnl: loss('20000'), accountDailyPnl: loss('50000.0001') }),
    ).toEqual([
      { type: 'strategy', id: 'alpha' },
      { type: 'account', id: 'ACC' },
    ]);
  });
});

describe('killSwitchRule: HALTED refuses every order, REDUCE_ONLY only reducing ones', () => {
  const modes = (over: Partial<KillSwitchModes>): KillSwitchModes => ({
    global: 'ACTIVE',
    account: 'ACTIVE',
    strategy: 'ACTIVE',
    ...over,
  });
  const sell = { side: 'SELL' as const, orderType: XtOrderType.STOCK_SELL };
  it.each(
    cases<OrderRiskContext>([
      ['a buy, all active', withOrder({}), null],
      [
        'a buy, strategy REDUCE_ONLY',
        withOrder({}, { killSwitch: modes({ strategy: 'REDUCE_ONLY' }) }),
        'KILL_SWITCH',
      ],
      [
        'a sell of what the book owns, REDUCE_ONLY',
        withOrder(sell, { killSwitch: modes({ account: 'REDUCE_ONLY' }), sellableQuantity: 100 }),
        null,
      ],
      [
        'a sell of one share more than the book owns',
        withOrder(sell, { killSwitch: modes({ account: 'REDUCE_ONLY' }), sellableQuantity: 99 }),
        'KILL_SWITCH',
      ],
      [
        'a sell, global HALTED',
        withOrder(sell, { killSwitch: modes({ global: 'HALTED' }), sellableQuantity: 100 }),
        'KILL_SWITCH',
      ],
      [
        'a short sale, REDUCE_ONLY',
        withOrder(
          { side: 'SELL', orderType: XtOrderType.CREDIT_SLO_SELL },
          { killSwitch: modes({ global: 'REDUCE_ONLY' }) },
        ),
        'KILL_SWITCH',
      ],
      [
        'a short cover, REDUCE_ONLY',
        withOrder(
          { orderType: XtOrderType.CREDIT_BUY_SECU_REPAY },
          { killSwitch: modes({ global: 'REDUCE_ONLY' }) },
        ),
        null,
      ],
      [
        'a futures close, REDUCE_ONLY',
        withOrder(
          { orderType: XtOrderType.FUTURE_CLOSE_SHORT_TODAY },
          { killSwitch: modes({ strategy: 'REDUCE_ONLY' }) },
        ),
        null,
      ],
      [
        'a futures open, REDUCE_ONLY',
        withOrder(
          { orderType: XtOrderType.FUTURE_OPEN_LONG },
          { killSwitch: modes({ strategy: 'REDUCE_ONLY' }) },
        ),
        'KILL_SWITCH',
      ],
    ]),
  )('%s', (_case, ctx, code) => {
    expect(codeOf(killSwitchRule(ctx))).toBe(code);
  });

  it('names the strictest scope', () => {
    expect(
      killSwitchRule(
        withOrder({}, { killSwitch: modes({ account: 'REDUCE_ONLY', strategy: 'HALTED' }) }),
      ),
    ).toMatchObject({ details: { observed: 'HALTED', limit: 'ACTIVE', scope: 'strategy' } });
  });
});

describe('kill switch state', () => {
  it('resolves the strictest of global, account and strategy, global first on ties', () => {
    expect(
      strictestMode({ global: 'REDUCE_ONLY', account: 'REDUCE_ONLY', strategy: 'ACTIVE' }),
    ).toEqual({
      mode: 'REDUCE_ONLY',
      scope: 'global',
    });
    expect(strictestMode({ global: 'REDUCE_ONLY', account: 'ACTIVE', strategy: 'HALTED' })).toEqual(
      {
        mode: 'HALTED',
        scope: 'strategy',
      },
    );
  });

  it('sets and clears a scope without touching the others', () => {
    const halted = setKillSwitch(ALL_ACTIVE, { type: 'account', id: 'ACC' }, KillSwitchMode.HALTED);
    const reduced = setKillSwitch(
      halted,
      { type: 'strategy', id: 'alpha' },
      KillSwitchMode.REDUCE_ONLY,
    );
    expect(killSwitchModesFor(reduced, 'ACC', 'alpha')).toEqual({
      global: 'ACTIVE',
      account: 'HALTED',
      strategy: 'REDUCE_ONLY',
    });
    expect(killSwitchModesFor(reduced, 'OTHER', 'beta')).toEqual({
      global: 'ACTIVE',
      account: 'ACTIVE',
      strategy: 'ACTIVE',
    });
    const cleared = setKillSwitch(reduced, { type: 'account', id: 'ACC' }, KillSwitchMode.ACTIVE);
    expect(cleared.accounts.size).toBe(0);
    expect(setKillSwitch(cleared, { type: 'global' }, 'HALTED').global).toBe('HALTED');
    expect(ALL_ACTIVE.accounts.size).toBe(0);
  });
});

describe('positionEffect (xtquant §1.2)', () => {
  it.each<[string, number, PositionEffect]>([
    ['stock buy', XtOrderType.STOCK_BUY, 'INCREASE'],
    ['stock sell', XtOrderType.STOCK_SELL, 'REDUCE'],
    ['financed buy', XtOrderType.CREDIT_FIN_BUY, 'INCREASE'],
    ['short sale', XtOrderType.CREDIT_SLO_SELL, 'INCREASE'],
    ['sell to repay', XtOrderType.CREDIT_SELL_SECU_REPAY, 'REDUCE'],
    ['futures open short', XtOrderType.FUTURE_OPEN_SHORT, 'INCREASE'],
    ['futures close long today', XtOrderType.FUTURE_CLOSE_LONG_TODAY, 'REDUCE'],
    ['close then open', XtOrderType.FUTURE_CLOSE_LONG_TODAY_HISTORY_THEN_OPEN_SHORT, 'INCREASE'],
    ['option exercise', XtOrderType.STOCK_OPTION_CALL_EXERCISE, 'INCREASE'],
    ['an unknown code', 999, 'INCREASE'],
  ])('%s → %s', (_case, orderType, effect) => {
    expect(positionEffect(orderType)).toBe(effect);
  });
});
