import { defaultTickSize, parseSecurityCode, type Instrument } from '../instrument/index.js';
import { asMoney, moneyFromYuan, parsePrice, type Money, type Price } from '../money/index.js';
import { cashRule } from './cash.rule.js';
import { DEFAULT_FEES, estimateFees, reservationFor } from './reservation.js';
import type { FeeSchedule, RiskContext, RiskOrder } from './risk-context.js';
import { sellablePositionRule } from './sellable-position.rule.js';
import { strategyBudgetRule } from './strategy-budget.rule.js';

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

const pingAn = instrument('000001.SZ', '11.50');
const buy: RiskOrder = {
  side: 'BUY',
  quantity: 100,
  limitPrice: yuan('11.60'),
  symbol: '000001.SZ',
};
const minus = (m: Money, units: bigint) => asMoney(m - units);

function context(over: Partial<RiskContext> = {}): RiskContext {
  return {
    order: buy,
    instrument: pingAn,
    availableCash: moneyFromYuan(1_000_000),
    strategyBudgetLeft: null,
    sellableQuantity: 0,
    heldQuantity: 0,
    fees: DEFAULT_FEES,
    ...over,
  };
}

describe('estimateFees', () => {
  it.each<['BUY' | 'SELL', string, string]>([
    // 2.5 bps of 1,000 is 0.25: the 5 CNY minimum applies
    ['BUY', '1000', '5'],
    // 2.5 bps of 20,000 is exactly the minimum; a hair more rounds up
    ['BUY', '20000', '5'],
    ['BUY', '20000.0004', '5.0001'],
    ['BUY', '1000000', '250'],
    // Sells add 5 bps stamp duty on top of commission
    ['SELL', '1000', '5.5'],
    ['SELL', '1000000', '750'],
  ])('%s of %s CNY costs %s CNY', (side, gross, fee) => {
    expect(estimateFees(side, moneyFromYuan(gross), DEFAULT_FEES)).toBe(moneyFromYuan(fee));
  });

  it('rounds each part up to the next 0.0001 CNY', () => {
    const fees: FeeSchedule = { commissionBps: 3, minCommission: asMoney(0n), stampDutySellBps: 0 };
    expect(estimateFees('BUY', asMoney(1n), fees)).toBe(asMoney(1n));
  });
});

describe('reservationFor', () => {
  it.each<[string, RiskOrder, Instrument, string]>([
    ['a limit buy at its price plus fees', buy, pingAn, '1165'],
    ['a market buy at the limit-up price', { ...buy, limitPrice: null }, pingAn, '1270'],
    [
      'a market buy at the terminal up limit',
      { ...buy, limitPrice: null },
      instrument('000001.SZ', '11.50', { upLimit: yuan('12.66'), downLimit: yuan('10.35') }),
      '1271',
    ],
    [
      'a market buy on a no-limit day at 110% of the previous close',
      { ...buy, limitPrice: null },
      instrument('688981.SH', '50.00', { daysSinceListing: 1 }),
      '5505',
    ],
    ['a sell: no cash', { ...buy, side: 'SELL' }, pingAn, '0'],
  ])('holds %s', (_case, order, inst, reserved) => {
    expect(reservationFor(order, inst, DEFAULT_FEES)).toBe(moneyFromYuan(reserved));
  });
});

describe('cashRule: exactly enough passes, one 0.0001 CNY short fails', () => {
  const needed = reservationFor(buy, pingAn, DEFAULT_FEES);
  it.each<[string, Partial<RiskContext>, boolean]>([
    ['exactly enough', { availableCash: needed }, true],
    ['one unit short', { availableCash: minus(needed, 1n) }, false],
    ['no cash at all', { availableCash: asMoney(0n) }, false],
    ['negative cash after reservations', { availableCash: asMoney(-1n) }, false],
    ['a sell with no cash', { order: { ...buy, side: 'SELL' }, availableCash: asMoney(0n) }, true],
  ])('%s → %s', (_case, over, ok) => {
    expect(cashRule(context(over)).ok).toBe(ok);
  });

  it('names both amounts in CNY', () => {
    expect(cashRule(context({ availableCash: minus(needed, 1n) }))).toEqual({
      ok: false,
      rule: 'INSUFFICIENT_CASH',
      message:
        'the buy needs 1165 CNY including estimated fees but the account has 1164.9999 CNY available',
      details: {
        observed: '1165',
        limit: '1164.9999',
        needed: '1165',
        available: '1164.9999',
      },
    });
  });
});

describe('strategyBudgetRule: exactly enough passes, one 0.0001 CNY short fails', () => {
  const needed = reservationFor(buy, pingAn, DEFAULT_FEES);
  it.each<[string, Partial<RiskContext>, boolean]>([
    ['no budget configured', { strategyBudgetLeft: null }, true],
    ['exactly enough', { strategyBudgetLeft: needed }, true],
    ['one unit short', { strategyBudgetLeft: minus(needed, 1n) }, false],
    ['overspent', { strategyBudgetLeft: asMoney(-10n) }, false],
    [
      'a sell over budget',
      { order: { ...buy, side: 'SELL' }, strategyBudgetLeft: asMoney(0n) },
      true,
    ],
  ])('%s → %s', (_case, over, ok) => {
    expect(strategyBudgetRule(context(over)).ok).toBe(ok);
  });

  it('names the budget left', () => {
    expect(strategyBudgetRule(context({ strategyBudgetLeft: minus(needed, 1n) }))).toMatchObject({
      rule: 'STRATEGY_BUDGET',
      message:
        'the buy needs 1165 CNY including estimated fees but the strategy has 1164.9999 CNY of budget left in this account',
      details: { observed: '1165', limit: '1164.9999', budgetLeft: '1164.9999' },
    });
  });
});

describe('sellablePositionRule (T+1, cn-market-rules §6): all of it passes, one more fails', () => {
  const sell: RiskOrder = { ...buy, side: 'SELL', quantity: 300 };
  it.each<[string, RiskOrder, number, boolean]>([
    ['exactly the sellable quantity', sell, 300, true],
    ['one share more than sellable', sell, 299, false],
    ['nothing sellable (bought today)', sell, 0, false],
    ['an oversold book', sell, -100, false],
    ['a buy with nothing held', buy, 0, true],
  ])('%s → %s', (_case, order, sellable, ok) => {
    expect(sellablePositionRule(context({ order, sellableQuantity: sellable })).ok).toBe(ok);
  });

  it('never reports a negative sellable quantity', () => {
    expect(sellablePositionRule(context({ order: sell, sellableQuantity: -100 }))).toEqual({
      ok: false,
      rule: 'INSUFFICIENT_POSITION',
      message: "selling 300 shares of 000001.SZ but the strategy's book can sell 0 today",
      details: { observed: 300, limit: 0, quantity: 300, sellable: 0 },
    });
  });

  it('counts bonds as bonds', () => {
    const cb = instrument('113050.SH', '100');
    expect(
      sellablePositionRule(
        context({ instrument: cb, order: { ...sell, quantity: 20, symbol: '113050.SH' } }),
      ),
    ).toMatchObject({
      message: "selling 20 bonds of 113050.SH but the strategy's book can sell 0 today",
    });
  });
});
