import { defaultTickSize, parseSecurityCode, type Instrument } from '../instrument/index.js';
import { moneyFromYuan, parsePrice, type Price } from '../money/index.js';
import { FOUNDATION_RULES, checkAll } from './catalogue.js';
import { DEFAULT_FEES } from './reservation.js';
import type { RiskContext, RiskOrder, RiskRule } from './risk-context.js';
import { RULE_CODES, isRuleCode } from './rule-codes.js';
import { PASS, fail } from './verdict.js';

function yuan(text: string): Price {
  const price = parsePrice(text);
  if (price === null) {
    throw new Error(`bad price ${text}`);
  }
  return price;
}

function pingAn(over: Partial<Instrument> = {}): Instrument {
  const parsed = parseSecurityCode('000001.SZ');
  if (!parsed.ok) {
    throw new Error(parsed.reason);
  }
  return {
    security: parsed.security,
    name: '平安银行',
    preClose: yuan('11.50'),
    tickSize: defaultTickSize(parsed.security),
    upLimit: null,
    downLimit: null,
    status: 'TRADING',
    isSt: false,
    daysSinceListing: null,
    multiplier: 1,
    ...over,
  };
}

function context(order: Partial<RiskOrder>, over: Partial<RiskContext> = {}): RiskContext {
  return {
    order: { side: 'BUY', quantity: 100, limitPrice: yuan('11.60'), symbol: '000001.SZ', ...order },
    instrument: pingAn(),
    availableCash: moneyFromYuan(1_000_000),
    strategyBudgetLeft: null,
    sellableQuantity: 0,
    heldQuantity: 0,
    fees: DEFAULT_FEES,
    ...over,
  };
}

const rules = (ctx: RiskContext) => checkAll(ctx).map((v) => v.rule);

describe('the foundation risk catalogue', () => {
  it('approves a clean buy and a clean sell with an empty list', () => {
    expect(checkAll(context({}))).toEqual([]);
    expect(
      checkAll(context({ side: 'SELL' }, { sellableQuantity: 100, heldQuantity: 100 })),
    ).toEqual([]);
  });

  it('reports every failing rule in catalogue order, not only the first', () => {
    const failures = checkAll(
      context(
        { quantity: 150, limitPrice: yuan('13.001') },
        {
          instrument: pingAn({ status: 'SUSPENDED' }),
          availableCash: moneyFromYuan(1),
          strategyBudgetLeft: moneyFromYuan(1),
        },
      ),
    );
    expect(failures.map((f) => f.rule)).toEqual([
      'INSTRUMENT_HALTED',
      'LOT_SIZE',
      'TICK_SIZE',
      'PRICE_LIMIT',
      'STRATEGY_BUDGET',
      'INSUFFICIENT_CASH',
    ]);
  });

  it.each([
    [
      'a sell beyond the book',
      context({ side: 'SELL', quantity: 200 }, { sellableQuantity: 100 }),
      ['INSUFFICIENT_POSITION'],
    ],
    [
      'an index',
      context(
        {},
        {
          instrument: {
            ...pingAn(),
            security: { ...pingAn().security, board: 'INDEX', instrumentType: 'INDEX' },
          },
        },
      ),
      ['UNKNOWN_INSTRUMENT', 'LOT_SIZE'],
    ],
    ['a market buy', context({ limitPrice: null }), []],
  ])('%s → %p', (_case, ctx, expected) => {
    expect(rules(ctx)).toEqual(expected);
  });

  it('gives every rejection an observed value and a limit', () => {
    const failures = checkAll(
      context(
        { quantity: 150, limitPrice: yuan('0.005') },
        {
          instrument: pingAn({ status: 'SUSPENDED' }),
          availableCash: moneyFromYuan(0),
          strategyBudgetLeft: moneyFromYuan(0),
        },
      ),
    );
    expect(failures.length).toBeGreaterThan(0);
    for (const failure of failures) {
      expect(failure.details).toHaveProperty('observed');
      expect(failure.details).toHaveProperty('limit');
    }
  });

  it('runs a caller-supplied catalogue instead of the foundation one', () => {
    const killSwitch: RiskRule = () =>
      fail('KILL_SWITCH', 'the desk kill switch is on', { observed: 'on', limit: 'off' });
    const pass: RiskRule = () => PASS;
    expect(checkAll(context({ quantity: 150 }), [pass, killSwitch]).map((f) => f.rule)).toEqual([
      'KILL_SWITCH',
    ]);
  });

  it('holds seven foundation rules', () => {
    expect(FOUNDATION_RULES).toHaveLength(7);
  });
});

describe('RULE_CODES', () => {
  // API.md's list, which clients and dashboards depend on: keep these, add at the end.
  const API_CODES =
    `UNKNOWN_INSTRUMENT INSTRUMENT_HALTED SESSION_CLOSED LOT_SIZE TICK_SIZE PRICE_LIMIT
    PRICE_CAGE PRICE_DEVIATION MAX_ORDER_QTY MAX_ORDER_NOTIONAL INSUFFICIENT_CASH INSUFFICIENT_POSITION
    STRATEGY_BUDGET POSITION_LIMIT OPEN_ORDER_LIMIT ORDER_RATE DAILY_ORDER_LIMIT CANCEL_RATE SELF_TRADE
    DUPLICATE_ORDER DAILY_LOSS RESTRICTED KILL_SWITCH SHORT_SELL_PRICE FUTURES_OPEN_LIMIT
    ACCOUNT_NOT_PERMITTED CONNECTOR_UNAVAILABLE`.split(/\s+/);

  it("holds API.md's codes first, in order, each once, then the added ones", () => {
    expect(RULE_CODES.slice(0, API_CODES.length)).toEqual(API_CODES);
    expect(RULE_CODES.slice(API_CODES.length)).toEqual([
      'PRICE_TYPE',
      'MARGIN_QUOTA',
      'GROSS_EXPOSURE',
    ]);
    expect(new Set(RULE_CODES).size).toBe(RULE_CODES.length);
  });

  it.each([
    ['LOT_SIZE', true],
    ['KILL_SWITCH', true],
    ['lot_size', false],
    ['', false],
  ])('isRuleCode(%p) → %s', (value, expected) => {
    expect(isRuleCode(value)).toBe(expected);
  });
});
