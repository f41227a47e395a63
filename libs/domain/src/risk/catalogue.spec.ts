import { defaultTickSize, parseSecurityCode, type Instrument } from '../instrument/index.js';
import { asMoney, moneyFromYuan, parsePrice, type Price } from '../money/index.js';
import { checkAll } from './catalogue.js';
import { DEFAULT_FEES, estimateFees, reservationFor } from './reservation.js';
import type { RiskContext, RiskOrder } from './verdict.js';

function pingAn(): Instrument {
  const parsed = parseSecurityCode('000001.SZ');
  if (!parsed.ok) {
    throw new Error(parsed.reason);
  }
  return {
    security: parsed.security,
    name: '平安银行',
    preClose: parsePrice('11.50') as Price,
    tickSize: defaultTickSize(parsed.security),
    upLimit: null,
    downLimit: null,
    status: 'TRADING',
    isSt: false,
    daysSinceListing: null,
    multiplier: 1,
  };
}

function context(order: Partial<RiskOrder>, overrides: Partial<RiskContext> = {}): RiskContext {
  return {
    order: {
      side: 'BUY',
      quantity: 100,
      limitPrice: parsePrice('11.60'),
      symbol: '000001.SZ',
      ...order,
    },
    instrument: pingAn(),
    availableCash: moneyFromYuan(1_000_000),
    strategyBudgetLeft: null,
    sellableQuantity: 0,
    heldQuantity: 0,
    fees: DEFAULT_FEES,
    ...overrides,
  };
}

const rules = (ctx: RiskContext) => checkAll(ctx).map((v) => v.rule);

describe('the foundation risk catalogue', () => {
  it('passes a clean order', () => {
    expect(checkAll(context({}))).toEqual([]);
  });

  it('reports every failing rule with the compared values', () => {
    const failures = checkAll(context({ quantity: 150, limitPrice: parsePrice('13.001') }));
    expect(failures.map((f) => f.rule)).toEqual(['LOT_SIZE', 'TICK_SIZE', 'PRICE_LIMIT']);
    expect(failures[0]?.details).toMatchObject({ quantity: 150, lot: '100' });
    expect(failures[2]?.details).toMatchObject({ limitUp: '12.65', limitDown: '10.35' });
  });

  it.each([
    ['12.65', []],
    ['12.66', ['PRICE_LIMIT']],
    ['10.35', []],
    ['10.34', ['PRICE_LIMIT']],
  ])('limit price %s at the band edge → %p', (price, expected) => {
    expect(rules(context({ limitPrice: parsePrice(price) }))).toEqual(expected);
  });

  it('needs cash for the order plus estimated fees: exactly enough passes, one unit less fails', () => {
    const order: RiskOrder = {
      side: 'BUY',
      quantity: 100,
      limitPrice: parsePrice('11.60'),
      symbol: '000001.SZ',
    };
    const needed = reservationFor(order, pingAn(), DEFAULT_FEES);
    expect(needed).toBe(moneyFromYuan('1165'));
    expect(rules(context(order, { availableCash: needed }))).toEqual([]);
    expect(rules(context(order, { availableCash: asMoney(needed - 1n) }))).toEqual([
      'INSUFFICIENT_CASH',
    ]);
    expect(rules(context(order, { strategyBudgetLeft: asMoney(needed - 1n) }))).toEqual([
      'STRATEGY_BUDGET',
    ]);
  });

  it('sells only what the book can sell today', () => {
    expect(
      rules(context({ side: 'SELL', quantity: 100 }, { sellableQuantity: 100, heldQuantity: 100 })),
    ).toEqual([]);
    expect(
      rules(context({ side: 'SELL', quantity: 200 }, { sellableQuantity: 100, heldQuantity: 100 })),
    ).toEqual(['INSUFFICIENT_POSITION']);
  });

  it('refuses a suspended instrument', () => {
    expect(rules(context({}, { instrument: { ...pingAn(), status: 'SUSPENDED' } }))).toEqual([
      'INSTRUMENT_HALTED',
    ]);
  });

  it('reserves market buys at the limit-up price', () => {
    const reserved = reservationFor(
      { side: 'BUY', quantity: 100, limitPrice: null, symbol: '000001.SZ' },
      pingAn(),
      DEFAULT_FEES,
    );
    expect(reserved).toBe(moneyFromYuan(1265 + 5));
  });

  it('estimates commission with its minimum and stamp duty on sells', () => {
    expect(estimateFees('BUY', moneyFromYuan(1000), DEFAULT_FEES)).toBe(moneyFromYuan(5));
    expect(estimateFees('BUY', moneyFromYuan(1_000_000), DEFAULT_FEES)).toBe(moneyFromYuan(250));
    expect(estimateFees('SELL', moneyFromYuan(1_000_000), DEFAULT_FEES)).toBe(moneyFromYuan(750));
  });
});
