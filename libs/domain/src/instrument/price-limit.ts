// Daily price limits (涨跌幅): cn-market-rules.md §2. Limit price = previous close × (1 ± limit)
// rounded half-up to the tick; the terminal's UpStopPrice/DownStopPrice win when present.
import { asPrice, type Price } from '../money/index.js';
import type { Instrument } from './instrument.js';

/** A daily limit in basis points of the previous close (1000 = 10%). */
export interface PriceLimitBps {
  readonly upBps: number;
  readonly downBps: number;
}

const symmetric = (bps: number): PriceLimitBps => ({ upBps: bps, downBps: bps });

// ETFs tracking STAR or ChiNext indexes move ±20%. SH STAR ETFs have their own 588 prefix, but
// SZ lists every ETF under 159, so a 159 fund gets the wider band: the gateway must never refuse
// an order the exchange would take, and the exchange still refuses one beyond its own band.
const TWENTY_PERCENT_ETF_PREFIX: Readonly<Partial<Record<string, string>>> = {
  SH: '588',
  SZ: '159',
};

/**
 * The daily limit for an instrument without terminal limits, or null for no limit: registration
 * system IPOs in their first 5 trading days, BSE IPOs on day 1, indexes and derivatives (whose
 * limits come only from the terminal). An unknown listing age counts as seasoned.
 */
export function priceLimitBps(instrument: Instrument): PriceLimitBps | null {
  const { security, isSt, daysSinceListing: day } = instrument;
  switch (security.instrumentType) {
    case 'CONVERTIBLE_BOND':
      // Since 2022-08-01: +57.3% / −43.3% on the listing day, ±20% after.
      return day !== null && day <= 1 ? { upBps: 5730, downBps: 4330 } : symmetric(2000);
    case 'STOCK':
      if (security.board === 'BSE') {
        return day !== null && day <= 1 ? null : symmetric(3000);
      }
      if (day !== null && day <= 5) {
        return null;
      }
      if (security.board === 'STAR' || security.board === 'CHINEXT') {
        return symmetric(2000);
      }
      return symmetric(isSt ? 500 : 1000);
    case 'ETF':
      return security.code.startsWith(TWENTY_PERCENT_ETF_PREFIX[security.market] ?? '-')
        ? symmetric(2000)
        : symmetric(1000);
    case 'LOF':
      return symmetric(1000);
    case 'INDEX':
    case 'FUTURE':
    case 'OPTION':
      return null;
  }
}

/** units × (10000 + bps) / 10000, rounded half-up to a multiple of tick. */
function scaleToTick(units: Price, bps: number, tick: Price): Price {
  const numerator = 2 * units * (10_000 + bps);
  const denominator = 2 * 10_000 * tick;
  if (Number.isSafeInteger(numerator + denominator)) {
    // Exact in doubles: both sides are safe integers, and the floor is corrected by one step
    // when the division rounded across a whole number. Every check prices a band, and BigInt
    // allocates.
    let ticks = Math.floor((numerator + denominator / 2) / denominator);
    if (ticks * denominator > numerator + denominator / 2) {
      ticks--;
    } else if ((ticks + 1) * denominator <= numerator + denominator / 2) {
      ticks++;
    }
    return asPrice(ticks * tick);
  }
  const wide = BigInt(units) * BigInt(10_000 + bps);
  const wideDenominator = 10_000n * BigInt(tick);
  return asPrice(Number((2n * wide + wideDenominator) / (2n * wideDenominator)) * tick);
}

/**
 * Today's limit-up and limit-down prices in 0.0001 CNY units: the terminal's when both are
 * present and positive, else computed from the previous close; null when the instrument has no
 * daily limit or its previous close or tick is unknown. The limit-down price is at least one tick.
 */
export function priceLimitBand(
  instrument: Instrument,
): { readonly up: Price; readonly down: Price } | null {
  const { upLimit, downLimit, preClose, tickSize } = instrument;
  if (upLimit !== null && downLimit !== null && upLimit > 0 && downLimit > 0) {
    return { up: upLimit, down: downLimit };
  }
  const limit = priceLimitBps(instrument);
  if (limit === null || preClose <= 0 || tickSize <= 0) {
    return null;
  }
  const down = scaleToTick(preClose, -limit.downBps, tickSize);
  return {
    up: scaleToTick(preClose, limit.upBps, tickSize),
    down: down < tickSize ? tickSize : down,
  };
}
