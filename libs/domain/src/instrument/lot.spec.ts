import fc from 'fast-check';
import { checkLot, lotSizeOf, roundDownToLot } from './lot.js';
import { parseSecurityCode, type Security } from './security-code.js';

function security(symbol: string): Security {
  const parsed = parseSecurityCode(symbol);
  if (!parsed.ok) {
    throw new Error(parsed.reason);
  }
  return parsed.security;
}

type Side = 'BUY' | 'SELL';

describe('checkLot (cn-market-rules §3)', () => {
  it.each<[string, Side, number, number, boolean]>([
    // Main board and ChiNext: 100-share lots
    ['000001.SZ', 'BUY', 100, 0, true],
    ['000001.SZ', 'BUY', 1_000_000, 0, true],
    ['000001.SZ', 'BUY', 150, 0, false],
    ['000001.SZ', 'BUY', 99, 0, false],
    ['600000.SH', 'BUY', 150, 150, false],
    ['300750.SZ', 'BUY', 200, 0, true],
    ['300750.SZ', 'BUY', 250, 0, false],
    // Odd-lot sells: the odd part must be the holding's whole odd remainder
    ['000001.SZ', 'SELL', 150, 150, true],
    ['000001.SZ', 'SELL', 50, 1050, true],
    ['000001.SZ', 'SELL', 550, 1050, true],
    ['000001.SZ', 'SELL', 1050, 1050, true],
    ['000001.SZ', 'SELL', 30, 1050, false],
    ['000001.SZ', 'SELL', 150, 1000, false],
    ['000001.SZ', 'SELL', 100, 1050, true],
    ['000001.SZ', 'SELL', 37, 37, true],
    ['300750.SZ', 'SELL', 20, 120, true],
    ['300750.SZ', 'SELL', 10, 120, false],
    // STAR: at least 200, then any share; a holding under 200 sold whole
    ['688981.SH', 'BUY', 199, 0, false],
    ['688981.SH', 'BUY', 200, 0, true],
    ['688981.SH', 'BUY', 201, 0, true],
    ['688981.SH', 'BUY', 333, 0, true],
    ['688981.SH', 'SELL', 200, 400, true],
    ['688981.SH', 'SELL', 201, 400, true],
    ['688981.SH', 'SELL', 199, 400, false],
    ['688981.SH', 'SELL', 150, 150, true],
    ['688981.SH', 'SELL', 100, 150, false],
    // BSE: at least 100, then any share
    ['430047.BJ', 'BUY', 99, 0, false],
    ['430047.BJ', 'BUY', 100, 0, true],
    ['430047.BJ', 'BUY', 101, 0, true],
    ['430047.BJ', 'SELL', 60, 60, true],
    ['430047.BJ', 'SELL', 60, 160, false],
    // ETFs and LOFs: 100 lots, odd remainder on sells
    ['510300.SH', 'BUY', 100, 0, true],
    ['510300.SH', 'BUY', 110, 0, false],
    ['161725.SZ', 'SELL', 110, 210, true],
    // Convertible bonds: 10 bonds
    ['113050.SH', 'BUY', 10, 0, true],
    ['113050.SH', 'BUY', 15, 0, false],
    ['128136.SZ', 'SELL', 15, 25, true],
    ['128136.SZ', 'SELL', 15, 30, false],
    // Futures and options: any whole contract
    ['IF2512.IF', 'BUY', 1, 0, true],
    ['rb2505.SF', 'SELL', 7, 0, true],
    ['10004358.SHO', 'BUY', 3, 0, true],
    // Never a non-positive or fractional quantity
    ['000001.SZ', 'BUY', 0, 0, false],
    ['000001.SZ', 'SELL', 0, 0, false],
    ['688981.SH', 'SELL', 0, 0, false],
    ['IF2512.IF', 'BUY', 0, 0, false],
    ['IF2512.IF', 'BUY', -1, 0, false],
    ['IF2512.IF', 'BUY', 1.5, 0, false],
    // Indexes are not tradable
    ['000001.SH', 'BUY', 100, 0, false],
  ])('%s %s %d holding %d → %s', (symbol, side, quantity, held, ok) => {
    expect(checkLot(security(symbol), side, quantity, held).ok).toBe(ok);
  });

  it.each<[string, Side, number, number, string, string]>([
    [
      '000001.SZ',
      'BUY',
      150,
      0,
      '100',
      'quantity 150 is not a multiple of the 100-share lot for SZ main board buys',
    ],
    [
      '600000.SH',
      'SELL',
      150,
      1000,
      '100',
      'quantity 150 is not a multiple of the 100-share lot for SH main board sells, and an odd lot may only sell the whole odd remainder (0 of the 1000 shares held)',
    ],
    [
      '688981.SH',
      'BUY',
      199,
      0,
      '200 then 1',
      'quantity 199 is below the 200-share minimum for STAR Market buys',
    ],
    [
      '688981.SH',
      'SELL',
      150,
      400,
      '200 then 1',
      'quantity 150 is below the 200-share minimum for STAR Market sells and is not the whole holding of 400 shares',
    ],
    [
      '430047.BJ',
      'BUY',
      99,
      0,
      '100 then 1',
      'quantity 99 is below the 100-share minimum for Beijing Stock Exchange buys',
    ],
    [
      '113050.SH',
      'BUY',
      15,
      0,
      '10',
      'quantity 15 is not a multiple of the 10-bond lot for SH convertible bond buys',
    ],
    ['IF2512.IF', 'BUY', 0, 0, '1', 'quantity 0 is not a positive whole number of contracts'],
    ['000001.SH', 'BUY', 100, 0, 'none', '000001.SH is an index and cannot be traded'],
  ])('explains %s %s %d holding %d (lot %s)', (symbol, side, quantity, held, lot, message) => {
    expect(checkLot(security(symbol), side, quantity, held)).toEqual({ ok: false, lot, message });
  });
});

describe('lotSizeOf', () => {
  it.each([
    ['600000.SH', 100],
    ['300750.SZ', 100],
    ['688981.SH', 200],
    ['430047.BJ', 100],
    ['510300.SH', 100],
    ['113050.SH', 10],
    ['IF2512.IF', 1],
    ['000001.SH', 0],
  ])('%s trades in lots of %d', (symbol, lot) => {
    expect(lotSizeOf(security(symbol))).toBe(lot);
  });
});

describe('roundDownToLot', () => {
  it.each<[string, Side, number, number, number]>([
    ['000001.SZ', 'BUY', 199, 0, 100],
    ['000001.SZ', 'BUY', 99, 0, 0],
    ['000001.SZ', 'SELL', 199, 1050, 150],
    ['000001.SZ', 'SELL', 120, 1050, 100],
    ['000001.SZ', 'SELL', 49, 1050, 0],
    ['688981.SH', 'BUY', 250, 0, 250],
    ['688981.SH', 'BUY', 199, 0, 0],
    ['688981.SH', 'SELL', 199, 150, 150],
    ['688981.SH', 'SELL', 149, 150, 0],
    ['113050.SH', 'BUY', 25, 0, 20],
    ['IF2512.IF', 'BUY', 3.7, 0, 3],
    ['000001.SH', 'BUY', 500, 0, 0],
    ['000001.SZ', 'BUY', -100, 0, 0],
  ])('%s %s %d holding %d → %d', (symbol, side, quantity, held, expected) => {
    expect(roundDownToLot(security(symbol), side, quantity, held)).toBe(expected);
  });

  const symbols = fc.constantFrom(
    '600000.SH',
    '300750.SZ',
    '688981.SH',
    '430047.BJ',
    '510300.SH',
    '113050.SH',
    'IF2512.IF',
    '000001.SH',
  );
  const sides = fc.constantFrom<Side>('BUY', 'SELL');

  it('returns a quantity checkLot accepts, or 0, never above the wish', () => {
    fc.assert(
      fc.property(symbols, sides, fc.nat(100_000), fc.nat(100_000), (symbol, side, qty, held) => {
        const sec = security(symbol);
        const rounded = roundDownToLot(sec, side, qty, held);
        expect(rounded).toBeGreaterThanOrEqual(0);
        expect(rounded).toBeLessThanOrEqual(qty);
        expect(rounded === 0 || checkLot(sec, side, rounded, held).ok).toBe(true);
      }),
    );
  });

  it('is the largest such quantity: nothing between it and the wish passes', () => {
    fc.assert(
      fc.property(symbols, sides, fc.nat(1_000), fc.nat(1_000), (symbol, side, qty, held) => {
        const sec = security(symbol);
        const rounded = roundDownToLot(sec, side, qty, held);
        for (let q = rounded + 1; q <= qty; q += 1) {
          expect(checkLot(sec, side, q, held).ok).toBe(false);
        }
      }),
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(symbols, sides, fc.nat(100_000), fc.nat(100_000), (symbol, side, qty, held) => {
        const sec = security(symbol);
        const once = roundDownToLot(sec, side, qty, held);
        expect(roundDownToLot(sec, side, once, held)).toBe(once);
      }),
    );
  });
});
