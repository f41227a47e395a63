import { asPrice } from '../money/index.js';
import { parseSecurityCode, type Security } from './security-code.js';
import { defaultTickSize, isOnTick } from './tick-size.js';

function security(symbol: string): Security {
  const parsed = parseSecurityCode(symbol);
  if (!parsed.ok) {
    throw new Error(parsed.reason);
  }
  return parsed.security;
}

describe('defaultTickSize (cn-market-rules §3), in 0.0001 CNY units', () => {
  it.each([
    ['600000.SH', 100],
    ['688981.SH', 100],
    ['300750.SZ', 100],
    ['430047.BJ', 100],
    ['510300.SH', 10],
    ['161725.SZ', 10],
    ['113050.SH', 10],
    ['10004358.SHO', 1],
    ['IF2512.IF', 2000],
    ['IM2512.IF', 2000],
    // Placeholder until the terminal's PriceTick is supplied.
    ['T2603.IF', 10_000],
    ['rb2505.SF', 10_000],
  ])('%s ticks in %d units', (symbol, units) => {
    expect(defaultTickSize(security(symbol))).toBe(units);
  });
});

describe('isOnTick', () => {
  it.each([
    [123_400, 100, true],
    [123_410, 100, false],
    [123_410, 10, true],
    [123_411, 10, false],
    [0, 100, true],
    [2000, 2000, true],
    [3000, 2000, false],
    [100, 0, false],
    [100, -100, false],
  ])('price %d on tick %d → %s', (price, tick, expected) => {
    expect(isOnTick(asPrice(price), asPrice(tick))).toBe(expected);
  });
});
