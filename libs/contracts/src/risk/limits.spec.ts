import { DEFAULT_RISK_LIMITS, effectiveLimits, moneyFromYuan } from '@qmt/domain';
import { documentFromLimits, parseRiskLimits } from './limits.js';

const errorsOf = (input: unknown) => {
  const parsed = parseRiskLimits(input);
  return parsed.ok ? [] : parsed.errors;
};

describe('PUT /v1/risk/limits body', () => {
  it('parses a document into domain limits: yuan to money, ratios to basis points', () => {
    const parsed = parseRiskLimits({
      global: { maxOrderNotional: 5_000_000.5, maxPositionShare: 0.25, maxOrderQuantity: 0 },
      accounts: { 'SIM-STOCK': { maxAccountOpenOrders: 100, restrictedSymbols: ['600519.SH'] } },
      strategyAccounts: { alpha: { 'SIM-STOCK': { maxOpenOrders: 10 } } },
      symbols: { '600000.SH': { restricted: true } },
    });
    if (!parsed.ok) {
      throw new Error(JSON.stringify(parsed.errors));
    }
    const limits = effectiveLimits(parsed.limits, {
      accountId: 'SIM-STOCK',
      strategyId: 'alpha',
      symbol: '600519.SH',
    });
    expect(limits.maxOrderNotional).toEqual({ value: moneyFromYuan('5000000.5'), scope: 'global' });
    expect(limits.maxPositionShareBps).toEqual({ value: 2_500, scope: 'global' });
    expect(limits.maxOrderQuantity).toEqual({ value: 0, scope: 'global' });
    expect(limits.maxOpenOrders).toEqual({ value: 10, scope: 'strategyAccount' });
    expect(limits.restrictedBy).toBe('account');
    expect(parsed.limits.programmaticTrading).toEqual({
      messagesPerSecond: 300,
      messagesPerDay: 20_000,
    });
  });

  it('accepts the empty document: nothing set beyond the regulator thresholds', () => {
    expect(parseRiskLimits({}).ok).toBe(true);
  });

  it.each<[string, unknown, string, RegExp]>([
    [
      'an unknown field',
      { global: { maxOrderQty: 5 } },
      'global.maxOrderQty',
      /unknown limit field/,
    ],
    [
      'a rule code instead of a field',
      { global: { MAX_ORDER_QTY: 5 } },
      'global.MAX_ORDER_QTY',
      /unknown/,
    ],
    ['an unknown scope', { desks: {} }, 'desks', /unknown/],
    ['a wrong type', { global: { maxOpenOrders: '10' } }, 'global.maxOpenOrders', /number/],
    ['a fractional count', { global: { maxOpenOrders: 1.5 } }, 'global.maxOpenOrders', /whole/],
    [
      'a negative cap',
      { accounts: { A: { maxDailyLoss: -1 } } },
      'accounts.A.maxDailyLoss',
      /negative/,
    ],
    ['a ratio above 1', { global: { maxCancelRatio: 1.0001 } }, 'global.maxCancelRatio', /above 1/],
    [
      'a negative ratio',
      { global: { maxPositionShare: -0.1 } },
      'global.maxPositionShare',
      /negative/,
    ],
    [
      'a ratio finer than a basis point',
      { global: { maxPriceDeviation: 0.00005 } },
      'global.maxPriceDeviation',
      /basis points/,
    ],
    [
      'more than 4 decimals of yuan',
      { global: { maxOrderNotional: 1.00001 } },
      'global.maxOrderNotional',
      /4 decimals/,
    ],
    [
      'an unknown self-trade policy',
      { global: { selfTradePolicy: 'IGNORE' } },
      'global.selfTradePolicy',
      /./,
    ],
    [
      'restricted outside the symbol scope',
      { global: { restricted: true } },
      'global.restricted',
      /unknown/,
    ],
    ['a bad symbol key', { symbols: { '600000': {} } }, 'symbols.600000', /market suffix/],
    [
      'a zero threshold',
      { programmaticTrading: { messagesPerSecond: 0, messagesPerDay: 1 } },
      'programmaticTrading.messagesPerSecond',
      /positive/,
    ],
    [
      'a nested unknown field',
      { strategyAccounts: { alpha: { 'SIM-STOCK': { foo: 1 } } } },
      'strategyAccounts.alpha.SIM-STOCK.foo',
      /unknown/,
    ],
  ])('refuses %s, naming the path', (_case, body, path, message) => {
    const errors = errorsOf(body);
    expect(errors.map((e) => e.path)).toContain(path);
    expect(errors.find((e) => e.path === path)?.message).toMatch(message);
  });

  it.each([
    ['a cap of exactly 0', { global: { maxDailyLoss: 0 } }],
    ['a ratio of exactly 1', { global: { maxCancelRatio: 1 } }],
    ['a ratio of exactly 0', { global: { maxPriceDeviation: 0 } }],
    ['a ratio of one basis point', { global: { maxPriceDeviation: 0.0001 } }],
    ['4 decimals of yuan', { global: { maxOrderNotional: 1.0001 } }],
  ])('accepts %s', (_case, body) => {
    expect(errorsOf(body)).toEqual([]);
  });

  it('round-trips the default limits through the document GET answers with', () => {
    const document = documentFromLimits(DEFAULT_RISK_LIMITS);
    const again = parseRiskLimits(JSON.parse(JSON.stringify(document)));
    expect(again.ok && again.limits).toEqual(DEFAULT_RISK_LIMITS);
  });
});
