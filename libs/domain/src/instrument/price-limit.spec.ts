import fc from 'fast-check';
import { asPrice, formatPrice, parsePrice, type Price } from '../money/index.js';
import type { Instrument } from './instrument.js';
import { priceLimitBand, priceLimitBps } from './price-limit.js';
import { parseSecurityCode } from './security-code.js';
import { defaultTickSize } from './tick-size.js';

function yuan(text: string): Price {
  const price = parsePrice(text);
  if (price === null) {
    throw new Error(`bad price ${text}`);
  }
  return price;
}

function instrument(
  symbol: string,
  preClose: string,
  overrides: Partial<Instrument> = {},
): Instrument {
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
    ...overrides,
  };
}

const band = (inst: Instrument) => {
  const b = priceLimitBand(inst);
  return b === null ? null : { up: formatPrice(b.up), down: formatPrice(b.down) };
};

describe('priceLimitBand (cn-market-rules §2)', () => {
  it.each([
    ['SH main board ±10%', instrument('600000.SH', '10.00'), '11', '9'],
    ['SZ main board ±10%', instrument('000001.SZ', '11.50'), '12.65', '10.35'],
    [
      'main board, 8.25 × 1.1 = 9.075 rounds half up',
      instrument('600000.SH', '8.25'),
      '9.08',
      '7.43',
    ],
    ['main board, 8.24 × 1.1 = 9.064 rounds down', instrument('600000.SH', '8.24'), '9.06', '7.42'],
    ['main board ST ±5%', instrument('600001.SH', '10.00', { isSt: true }), '10.5', '9.5'],
    [
      'main board ST, 3.33 × 1.05 = 3.4965',
      instrument('000002.SZ', '3.33', { isSt: true }),
      '3.5',
      '3.16',
    ],
    ['STAR ±20%', instrument('688981.SH', '90.00'), '108', '72'],
    ['STAR ST stays ±20%', instrument('688981.SH', '90.00', { isSt: true }), '108', '72'],
    ['ChiNext ±20%', instrument('300750.SZ', '250.00'), '300', '200'],
    ['ChiNext ST stays ±20%', instrument('300750.SZ', '10.00', { isSt: true }), '12', '8'],
    ['BSE ±30%', instrument('430047.BJ', '12.00'), '15.6', '8.4'],
    ['BSE from day 2', instrument('430047.BJ', '12.00', { daysSinceListing: 2 }), '15.6', '8.4'],
    ['main board from day 6', instrument('600000.SH', '10.00', { daysSinceListing: 6 }), '11', '9'],
    ['convertible bond ±20%', instrument('113050.SH', '125.000'), '150', '100'],
    [
      'convertible bond day 2',
      instrument('113050.SH', '125.000', { daysSinceListing: 2 }),
      '150',
      '100',
    ],
    [
      'CB day 1 +57.3% −43.3%',
      instrument('113050.SH', '100.000', { daysSinceListing: 1 }),
      '157.3',
      '56.7',
    ],
    ['SH ETF ±10% at the 0.001 tick', instrument('510300.SH', '4.000'), '4.4', '3.6'],
    ['SH ETF rounds half up at 0.001', instrument('510300.SH', '3.915'), '4.307', '3.524'],
    ['SH STAR ETF ±20%', instrument('588000.SH', '1.000'), '1.2', '0.8'],
    [
      'SZ ETF gets the widest band (ChiNext ETFs ±20%)',
      instrument('159915.SZ', '2.000'),
      '2.4',
      '1.6',
    ],
    ['LOF ±10%', instrument('161725.SZ', '1.000'), '1.1', '0.9'],
    ['limit-down never below one tick', instrument('600000.SH', '0.01'), '0.01', '0.01'],
  ])('%s', (_case, inst, up, down) => {
    expect(band(inst)).toEqual({ up, down });
  });

  it.each([
    ['main board IPO day 1', instrument('600000.SH', '10.00', { daysSinceListing: 1 })],
    ['main board day 5', instrument('600000.SH', '10.00', { daysSinceListing: 5 })],
    ['STAR day 5', instrument('688981.SH', '90.00', { daysSinceListing: 5 })],
    ['ChiNext day 3', instrument('300750.SZ', '90.00', { daysSinceListing: 3 })],
    ['BSE day 1', instrument('430047.BJ', '12.00', { daysSinceListing: 1 })],
    ['an index', instrument('000001.SH', '3000.00')],
    ['a future without terminal limits', instrument('IF2512.IF', '4000.0')],
    ['an option without terminal limits', instrument('10004358.SHO', '0.1000')],
    ['an unknown previous close', instrument('600000.SH', '0')],
  ])('has no band: %s', (_case, inst) => {
    expect(priceLimitBand(inst)).toBeNull();
  });

  it("prefers the terminal's UpStopPrice/DownStopPrice", () => {
    const inst = instrument('000001.SZ', '11.50', {
      upLimit: asPrice(126_600),
      downLimit: asPrice(103_600),
    });
    expect(priceLimitBand(inst)).toEqual({ up: 126_600, down: 103_600 });
  });

  it('uses terminal limits on a no-limit IPO day and for futures', () => {
    expect(
      priceLimitBand(
        instrument('IF2512.IF', '4000.0', { upLimit: yuan('4400'), downLimit: yuan('3600') }),
      ),
    ).toEqual({ up: yuan('4400'), down: yuan('3600') });
  });

  it.each([
    ['only one terminal limit', { upLimit: yuan('13'), downLimit: null }],
    ['a zero terminal limit', { upLimit: yuan('13'), downLimit: asPrice(0) }],
  ])('computes the band when the terminal gives %s', (_case, overrides) => {
    expect(band(instrument('000001.SZ', '11.50', overrides))).toEqual({
      up: '12.65',
      down: '10.35',
    });
  });

  it('reports the limit in basis points', () => {
    expect(priceLimitBps(instrument('600000.SH', '10.00', { isSt: true }))).toEqual({
      upBps: 500,
      downBps: 500,
    });
    expect(priceLimitBps(instrument('118003.SH', '100.000', { daysSinceListing: 1 }))).toEqual({
      upBps: 5730,
      downBps: 4330,
    });
  });
});

describe('priceLimitBand arithmetic', () => {
  // The band is computed in doubles; this is the integer definition it must equal.
  const exact = (units: number, bps: number, tick: number): number => {
    const numerator = BigInt(units) * BigInt(10_000 + bps);
    const denominator = 10_000n * BigInt(tick);
    return Number((2n * numerator + denominator) / (2n * denominator)) * tick;
  };

  it('equals integer half-up rounding for any previous close, tick and band', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000_000_000 }),
        fc.constantFrom(10, 100, 1_000),
        fc.constantFrom('600000.SH', '000002.SZ', '688001.SH', '118003.SH'),
        fc.boolean(),
        (preClose, tick, symbol, isSt) => {
          const inst = instrument(symbol, '1', {
            preClose: asPrice(preClose),
            tickSize: asPrice(tick),
            isSt,
          });
          const limit = priceLimitBps(inst);
          const got = priceLimitBand(inst);
          if (limit === null || got === null) {
            throw new Error('every case here has a band');
          }
          expect(got.up).toBe(exact(preClose, limit.upBps, tick));
          expect(got.down).toBe(Math.max(exact(preClose, -limit.downBps, tick), tick));
        },
      ),
      { numRuns: 5_000 },
    );
  });
});
