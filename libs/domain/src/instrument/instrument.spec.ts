import { asPrice, parsePrice, type Price } from '../money/index.js';
import { checkLot, defaultTickSize, priceLimitBand, type Instrument } from './instrument.js';
import { parseSecurityCode, type Security } from './security-code.js';

function security(symbol: string): Security {
  const parsed = parseSecurityCode(symbol);
  if (!parsed.ok) {
    throw new Error(parsed.reason);
  }
  return parsed.security;
}

function instrument(
  symbol: string,
  preClose: string,
  overrides: Partial<Instrument> = {},
): Instrument {
  const s = security(symbol);
  return {
    security: s,
    name: symbol,
    preClose: parsePrice(preClose) as Price,
    tickSize: defaultTickSize(s),
    upLimit: null,
    downLimit: null,
    status: 'TRADING',
    isSt: false,
    daysSinceListing: null,
    multiplier: 1,
    ...overrides,
  };
}

const yuan = (units: Price | undefined) => (units === undefined ? undefined : units / 10_000);

describe('priceLimitBand (cn-market-rules §2)', () => {
  it.each([
    ['main board ±10%', instrument('000001.SZ', '11.50'), 12.65, 10.35],
    ['main board rounds half up to the tick', instrument('600000.SH', '8.25'), 9.08, 7.43],
    ['ST ±5%', instrument('600001.SH', '10.00', { isSt: true }), 10.5, 9.5],
    ['STAR ±20%', instrument('688981.SH', '90.00'), 108, 72],
    ['ChiNext ±20%', instrument('300750.SZ', '250.00'), 300, 200],
    ['BSE ±30%', instrument('430047.BJ', '12.00'), 15.6, 8.4],
    ['convertible bond ±20%', instrument('113050.SH', '125.000'), 150, 100],
    [
      'convertible bond first day +57.3%/−43.3%',
      instrument('113050.SH', '100.000', { daysSinceListing: 1 }),
      157.3,
      56.7,
    ],
    ['ETF ±10% at the 0.001 tick', instrument('510300.SH', '4.000'), 4.4, 3.6],
  ])('%s', (_case, inst, up, down) => {
    const band = priceLimitBand(inst);
    expect(yuan(band?.up)).toBe(up);
    expect(yuan(band?.down)).toBe(down);
  });

  it('has no limit in the first five days of a registration-system listing', () => {
    expect(priceLimitBand(instrument('688981.SH', '90.00', { daysSinceListing: 5 }))).toBeNull();
    expect(
      priceLimitBand(instrument('688981.SH', '90.00', { daysSinceListing: 6 })),
    ).not.toBeNull();
    expect(priceLimitBand(instrument('430047.BJ', '12.00', { daysSinceListing: 1 }))).toBeNull();
  });

  it("prefers the terminal's UpStopPrice/DownStopPrice", () => {
    const band = priceLimitBand(
      instrument('000001.SZ', '11.50', { upLimit: asPrice(126600), downLimit: asPrice(103600) }),
    );
    expect(band).toEqual({ up: 126600, down: 103600 });
  });
});

describe('checkLot (cn-market-rules §3)', () => {
  it.each<[string, 'BUY' | 'SELL', number, number, boolean]>([
    ['000001.SZ', 'BUY', 100, 0, true],
    ['000001.SZ', 'BUY', 150, 0, false],
    ['000001.SZ', 'SELL', 150, 150, true],
    ['000001.SZ', 'SELL', 150, 1000, false],
    ['300750.SZ', 'BUY', 200, 0, true],
    ['688981.SH', 'BUY', 199, 0, false],
    ['688981.SH', 'BUY', 200, 0, true],
    ['688981.SH', 'BUY', 201, 0, true],
    ['688981.SH', 'SELL', 150, 150, true],
    ['688981.SH', 'SELL', 150, 400, false],
    ['430047.BJ', 'BUY', 99, 0, false],
    ['430047.BJ', 'BUY', 101, 0, true],
    ['113050.SH', 'BUY', 10, 0, true],
    ['113050.SH', 'BUY', 15, 0, false],
    ['510300.SH', 'BUY', 100, 0, true],
    ['IF2612.IF', 'BUY', 1, 0, true],
  ])('%s %s %d holding %d → %s', (symbol, side, quantity, held, ok) => {
    expect(checkLot(security(symbol), side, quantity, held).ok).toBe(ok);
  });
});
