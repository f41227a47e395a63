import { defaultTickSize, parseSecurityCode, type Instrument } from '../instrument/index.js';
import { asPrice, moneyFromYuan, parsePrice, type Price } from '../money/index.js';
import { instrumentTradableRule } from './instrument-tradable.rule.js';
import { lotSizeRule } from './lot-size.rule.js';
import { priceLimitRule } from './price-limit.rule.js';
import { DEFAULT_FEES } from './reservation.js';
import type { RiskContext, RiskOrder } from './risk-context.js';
import { tickSizeRule } from './tick-size.rule.js';

function yuan(text: string): Price {
  const price = parsePrice(text);
  if (price === null) {
    throw new Error(`bad price ${text}`);
  }
  return price;
}

function instrument(symbol: string, preClose: string, over: Partial<Instrument> = {}): Instrument {
  const parsed = parseSecurityCode(symbol);
  if (!parsed.ok) {
    throw new Error(parsed.reason);
  }
  return {
    security: parsed.security,
    name: symbol,
    preClose: yuan(preClose),
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

function context(inst: Instrument, order: Partial<RiskOrder> = {}, held = 0): RiskContext {
  return {
    order: {
      side: 'BUY',
      quantity: 100,
      limitPrice: inst.preClose,
      symbol: inst.security.symbol,
      ...order,
    },
    instrument: inst,
    availableCash: moneyFromYuan(10_000_000),
    strategyBudgetLeft: null,
    sellableQuantity: held,
    heldQuantity: held,
    fees: DEFAULT_FEES,
  };
}

describe('priceLimitRule (cn-market-rules §2): at the limit passes, one tick beyond fails', () => {
  const main = instrument('600000.SH', '10.00');
  const st = instrument('000002.SZ', '10.00', { isSt: true });
  const star = instrument('688981.SH', '50.00');
  const chinext = instrument('300750.SZ', '50.00');
  const bse = instrument('430047.BJ', '10.00');
  const cbFirstDay = instrument('113050.SH', '100.000', { daysSinceListing: 1 });
  const cb = instrument('113050.SH', '100.000', { daysSinceListing: 2 });
  const etf = instrument('510300.SH', '4.000');
  it.each<[string, Instrument, string, boolean]>([
    ['main +10%', main, '11.00', true],
    ['main +10% + 1 tick', main, '11.01', false],
    ['main −10%', main, '9.00', true],
    ['main −10% − 1 tick', main, '8.99', false],
    ['ST +5%', st, '10.50', true],
    ['ST +5% + 1 tick', st, '10.51', false],
    ['ST −5%', st, '9.50', true],
    ['ST −5% − 1 tick', st, '9.49', false],
    ['STAR +20%', star, '60.00', true],
    ['STAR +20% + 1 tick', star, '60.01', false],
    ['STAR −20%', star, '40.00', true],
    ['STAR −20% − 1 tick', star, '39.99', false],
    ['ChiNext +20%', chinext, '60.00', true],
    ['ChiNext +20% + 1 tick', chinext, '60.01', false],
    ['ChiNext −20% − 1 tick', chinext, '39.99', false],
    ['BSE +30%', bse, '13.00', true],
    ['BSE +30% + 1 tick', bse, '13.01', false],
    ['BSE −30%', bse, '7.00', true],
    ['BSE −30% − 1 tick', bse, '6.99', false],
    ['CB day 1 +57.3%', cbFirstDay, '157.300', true],
    ['CB day 1 +57.3% + 1 tick', cbFirstDay, '157.301', false],
    ['CB day 1 −43.3%', cbFirstDay, '56.700', true],
    ['CB day 1 −43.3% − 1 tick', cbFirstDay, '56.699', false],
    ['CB day 2 +20%', cb, '120.000', true],
    ['CB day 2 +20% + 1 tick', cb, '120.001', false],
    ['ETF +10%', etf, '4.400', true],
    ['ETF +10% + 1 tick', etf, '4.401', false],
    [
      'IPO day 1: no limit',
      instrument('688981.SH', '50.00', { daysSinceListing: 1 }),
      '500.00',
      true,
    ],
    [
      'IPO day 5: no limit',
      instrument('600000.SH', '10.00', { daysSinceListing: 5 }),
      '0.01',
      true,
    ],
    [
      'IPO day 6: limits again',
      instrument('600000.SH', '10.00', { daysSinceListing: 6 }),
      '11.01',
      false,
    ],
    [
      'BSE day 1: no limit',
      instrument('430047.BJ', '10.00', { daysSinceListing: 1 }),
      '30.00',
      true,
    ],
    ['BSE day 2: ±30%', instrument('430047.BJ', '10.00', { daysSinceListing: 2 }), '13.01', false],
  ])('%s: price %s → %s', (_case, inst, price, ok) => {
    expect(priceLimitRule(context(inst, { limitPrice: yuan(price) })).ok).toBe(ok);
  });

  it('uses the terminal limits when present', () => {
    const inst = instrument('600000.SH', '10', {
      upLimit: asPrice(105_000),
      downLimit: asPrice(95_000),
    });
    expect(priceLimitRule(context(inst, { limitPrice: yuan('10.51') })).ok).toBe(false);
  });

  it('lets market orders through: the reservation bounds them instead', () => {
    expect(priceLimitRule(context(main, { limitPrice: null })).ok).toBe(true);
  });

  it('names the breached limit and both band edges', () => {
    expect(priceLimitRule(context(main, { limitPrice: yuan('11.01') }))).toEqual({
      ok: false,
      rule: 'PRICE_LIMIT',
      message: "price 11.01 is above today's limit-up price 11 for 600000.SH",
      details: { observed: '11.01', limit: '11', price: '11.01', limitUp: '11', limitDown: '9' },
    });
    expect(priceLimitRule(context(main, { limitPrice: yuan('8.99') }))).toMatchObject({
      message: "price 8.99 is below today's limit-down price 9 for 600000.SH",
      details: { observed: '8.99', limit: '9' },
    });
  });
});

describe('tickSizeRule (cn-market-rules §3)', () => {
  it.each<[string, string, boolean]>([
    ['600000.SH', '10.01', true],
    ['600000.SH', '10.015', false],
    ['600000.SH', '0.01', true],
    ['600000.SH', '0', false],
    ['600000.SH', '-1', false],
    ['510300.SH', '4.001', true],
    ['510300.SH', '4.0015', false],
    ['113050.SH', '100.001', true],
    ['IF2512.IF', '4000.2', true],
    ['IF2512.IF', '4000.1', false],
    ['10004358.SHO', '0.0001', true],
  ])('%s at %s → %s', (symbol, price, ok) => {
    expect(tickSizeRule(context(instrument(symbol, '1'), { limitPrice: yuan(price) })).ok).toBe(ok);
  });

  it('skips market orders', () => {
    expect(tickSizeRule(context(instrument('600000.SH', '10'), { limitPrice: null })).ok).toBe(
      true,
    );
  });

  it.each([
    ['10.015', 'price 10.015 is not a multiple of the 0.01 tick for 600000.SH'],
    ['0', 'price 0 is below the lowest price of one 0.01 tick for 600000.SH'],
  ])('explains %s', (price, message) => {
    expect(
      tickSizeRule(context(instrument('600000.SH', '10'), { limitPrice: yuan(price) })),
    ).toEqual({
      ok: false,
      rule: 'TICK_SIZE',
      message,
      details: { observed: price, limit: '0.01', price, tick: '0.01' },
    });
  });
});

describe('lotSizeRule (cn-market-rules §3)', () => {
  it.each<[string, 'BUY' | 'SELL', number, number, boolean]>([
    ['000001.SZ', 'BUY', 100, 0, true],
    ['000001.SZ', 'BUY', 150, 0, false],
    ['000001.SZ', 'SELL', 150, 150, true],
    ['000001.SZ', 'SELL', 150, 1000, false],
    ['688981.SH', 'BUY', 200, 0, true],
    ['688981.SH', 'BUY', 199, 0, false],
    ['688981.SH', 'BUY', 201, 0, true],
    ['688981.SH', 'SELL', 120, 120, true],
    ['430047.BJ', 'BUY', 101, 0, true],
    ['113050.SH', 'BUY', 15, 0, false],
  ])('%s %s %d holding %d → %s', (symbol, side, quantity, held, ok) => {
    const inst = instrument(symbol, '10');
    expect(lotSizeRule(context(inst, { side, quantity }, held)).ok).toBe(ok);
  });

  it('carries the quantity, the lot and the holding', () => {
    expect(lotSizeRule(context(instrument('000001.SZ', '10'), { quantity: 150 }))).toEqual({
      ok: false,
      rule: 'LOT_SIZE',
      message: 'quantity 150 is not a multiple of the 100-share lot for SZ main board buys',
      details: {
        observed: 150,
        limit: '100',
        quantity: 150,
        lot: '100',
        held: 0,
        board: 'SZ main board',
      },
    });
  });
});

describe('instrumentTradableRule', () => {
  it('passes a trading instrument', () => {
    expect(instrumentTradableRule(context(instrument('600000.SH', '10'))).ok).toBe(true);
  });

  it('refuses a suspended instrument', () => {
    expect(
      instrumentTradableRule(context(instrument('600000.SH', '10', { status: 'SUSPENDED' }))),
    ).toEqual({
      ok: false,
      rule: 'INSTRUMENT_HALTED',
      message: '600000.SH is suspended from trading today',
      details: {
        observed: 'SUSPENDED',
        limit: 'TRADING',
        symbol: '600000.SH',
        status: 'SUSPENDED',
      },
    });
  });

  it('refuses an index as not a tradable instrument', () => {
    expect(instrumentTradableRule(context(instrument('000001.SH', '3000')))).toMatchObject({
      ok: false,
      rule: 'UNKNOWN_INSTRUMENT',
      message: '000001.SH is an index, not a tradable instrument',
    });
  });
});
