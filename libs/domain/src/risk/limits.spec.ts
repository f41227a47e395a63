import { moneyFromYuan } from '../money/index.js';
import {
  DEFAULT_RISK_LIMITS,
  PROGRAMMATIC_THRESHOLDS,
  type SelfTradePolicy,
  effectiveLimits,
  strategyAccountKey,
  type LimitSet,
  type RiskLimits,
} from './limits.js';

function limits(over: Partial<RiskLimits>): RiskLimits {
  return {
    global: {},
    accounts: new Map(),
    strategies: new Map(),
    strategyAccounts: new Map(),
    symbols: new Map(),
    programmaticTrading: PROGRAMMATIC_THRESHOLDS,
    ...over,
  };
}

const key = { accountId: 'SIM-STOCK', strategyId: 'alpha', symbol: '600000.SH' };

describe('effectiveLimits: every scope that sets a limit applies, the tightest wins', () => {
  const scoped = (set: LimitSet) =>
    limits({
      global: { maxOrderQuantity: 10_000 },
      accounts: new Map([['SIM-STOCK', { maxOrderQuantity: 8_000 }]]),
      strategies: new Map([['alpha', { maxOrderQuantity: 9_000 }]]),
      strategyAccounts: new Map([[strategyAccountKey('alpha', 'SIM-STOCK'), set]]),
      symbols: new Map([['600000.SH', { maxOrderQuantity: 7_000 }]]),
    });

  it.each<[string, LimitSet, number, string]>([
    ['the symbol scope when it is tightest', {}, 7_000, 'symbol'],
    ['the strategy×account scope below it', { maxOrderQuantity: 6_999 }, 6_999, 'strategyAccount'],
    ['the earlier scope on a tie', { maxOrderQuantity: 7_000 }, 7_000, 'strategyAccount'],
  ])('picks %s', (_case, set, value, scope) => {
    expect(effectiveLimits(scoped(set), key).maxOrderQuantity).toEqual({ value, scope });
  });

  it('ignores scopes of other accounts, strategies and symbols', () => {
    const other = limits({
      global: { maxOpenOrders: 100 },
      accounts: new Map([['SIM-CREDIT', { maxOpenOrders: 1 }]]),
      strategies: new Map([['beta', { maxOpenOrders: 1 }]]),
      strategyAccounts: new Map([[strategyAccountKey('beta', 'SIM-STOCK'), { maxOpenOrders: 1 }]]),
      symbols: new Map([['000001.SZ', { maxOpenOrders: 1 }]]),
    });
    expect(effectiveLimits(other, key).maxOpenOrders).toEqual({ value: 100, scope: 'global' });
  });

  it('leaves a limit nobody sets absent', () => {
    expect(effectiveLimits(limits({}), key).maxDailyLoss).toBeUndefined();
  });

  it('compares money as bigint and picks the smaller cap', () => {
    const set = limits({
      global: { maxOrderNotional: moneyFromYuan(1_000_000) },
      accounts: new Map([['SIM-STOCK', { maxOrderNotional: moneyFromYuan('999999.9999') }]]),
    });
    expect(effectiveLimits(set, key).maxOrderNotional).toEqual({
      value: moneyFromYuan('999999.9999'),
      scope: 'account',
    });
  });

  it('takes the widest duplicate window: a wider window refuses more', () => {
    const set = limits({
      global: { duplicateWindowMs: 1_000 },
      strategies: new Map([['alpha', { duplicateWindowMs: 5_000 }]]),
      symbols: new Map([['600000.SH', { duplicateWindowMs: 200 }]]),
    });
    expect(effectiveLimits(set, key).duplicateWindowMs).toEqual({
      value: 5_000,
      scope: 'strategy',
    });
  });

  it.each<[SelfTradePolicy, SelfTradePolicy, SelfTradePolicy]>([
    ['CANCEL_RESTING', 'REJECT_INCOMING', 'REJECT_INCOMING'],
    ['REJECT_INCOMING', 'CANCEL_RESTING', 'REJECT_INCOMING'],
    ['CANCEL_RESTING', 'CANCEL_RESTING', 'CANCEL_RESTING'],
  ])('self-trade policy global %s, account %s → %s', (global, account, expected) => {
    const set = limits({
      global: { selfTradePolicy: global },
      accounts: new Map([['SIM-STOCK', { selfTradePolicy: account }]]),
    });
    expect(effectiveLimits(set, key).selfTradePolicy?.value).toBe(expected);
  });

  it.each<[string, Partial<RiskLimits>, string | null]>([
    ['nobody restricts it', {}, null],
    [
      'the global list holds it',
      { global: { restrictedSymbols: new Set(['600000.SH']) } },
      'global',
    ],
    [
      'the account list holds it',
      { accounts: new Map([['SIM-STOCK', { restrictedSymbols: new Set(['600000.SH']) }]]) },
      'account',
    ],
    [
      'its symbol scope says so',
      { symbols: new Map([['600000.SH', { restricted: true }]]) },
      'symbol',
    ],
    ['another symbol is listed', { global: { restrictedSymbols: new Set(['600519.SH']) } }, null],
  ])('restriction when %s', (_case, over, scope) => {
    expect(effectiveLimits(limits(over), key).restrictedBy).toBe(scope);
  });

  it('carries the programmatic-trading thresholds of cn-market-rules §8', () => {
    expect(effectiveLimits(DEFAULT_RISK_LIMITS, key).programmaticTrading).toEqual({
      messagesPerSecond: 300,
      messagesPerDay: 20_000,
    });
  });
});
