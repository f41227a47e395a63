// Reference data and the board rules built on it: cn-market-rules.md §2 (price limits) and §3
// (tick, lot).
import { Decimal } from 'decimal.js';
import { asPrice, type Price } from '../money/index.js';
import type { Security } from './security-code.js';

export interface Instrument {
  readonly security: Security;
  readonly name: string;
  readonly preClose: Price;
  readonly tickSize: Price;
  /** The terminal's UpStopPrice/DownStopPrice when known (preferred over computed bands). */
  readonly upLimit: Price | null;
  readonly downLimit: Price | null;
  readonly status: 'TRADING' | 'SUSPENDED';
  readonly isSt: boolean;
  /** 1 on the listing day; null when unknown (treated as seasoned). */
  readonly daysSinceListing: number | null;
  readonly multiplier: number;
}

/** §3: 0.01 for stocks, 0.001 for funds and bonds, 0.2 points for CFFEX index futures. */
export function defaultTickSize(security: Security): Price {
  switch (security.instrumentType) {
    case 'STOCK':
    case 'INDEX':
      return asPrice(100);
    case 'ETF':
    case 'LOF':
    case 'CONVERTIBLE_BOND':
      return asPrice(10);
    case 'OPTION':
      return asPrice(1);
    case 'FUTURE':
      // Index futures tick 0.2 points; commodity ticks vary per contract and come from the
      // terminal's PriceTick (1 point placeholder until the connector supplies it).
      return ['IF', 'IH', 'IC', 'IM'].includes(security.product ?? '')
        ? asPrice(2000)
        : asPrice(10_000);
  }
}

export function isOnTick(price: Price, tick: Price): boolean {
  return tick > 0 && price % tick === 0;
}

/** The daily limit as a fraction of the previous close, or null for no limit (§2). */
export function priceLimitFraction(instrument: Instrument): string | null {
  const { board, instrumentType } = instrument.security;
  const day = instrument.daysSinceListing;
  if (instrumentType === 'CONVERTIBLE_BOND') {
    return day === 1 ? 'CB_FIRST_DAY' : '0.2';
  }
  if (instrumentType === 'STOCK') {
    if (board === 'BSE') {
      return day === 1 ? null : '0.3';
    }
    if (day !== null && day <= 5) {
      return null;
    }
    if (board === 'STAR' || board === 'CHINEXT') {
      return '0.2';
    }
    return instrument.isSt ? '0.05' : '0.1';
  }
  if (instrumentType === 'ETF' || instrumentType === 'LOF') {
    return '0.1';
  }
  return null;
}

function roundToTick(value: Decimal, tick: Price): Price {
  return asPrice(value.div(tick).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).mul(tick).toNumber());
}

/**
 * Today's limit-up and limit-down prices: the terminal's when present, else previous close ×
 * (1 ± limit) rounded half-up to the tick; null when the instrument has no daily limit.
 */
export function priceLimitBand(
  instrument: Instrument,
): { readonly up: Price; readonly down: Price } | null {
  if (instrument.upLimit !== null && instrument.downLimit !== null) {
    return { up: instrument.upLimit, down: instrument.downLimit };
  }
  const fraction = priceLimitFraction(instrument);
  if (fraction === null || instrument.preClose <= 0) {
    return null;
  }
  const preClose = new Decimal(instrument.preClose);
  if (fraction === 'CB_FIRST_DAY') {
    return {
      up: roundToTick(preClose.mul('1.573'), instrument.tickSize),
      down: roundToTick(preClose.mul('0.567'), instrument.tickSize),
    };
  }
  return {
    up: roundToTick(preClose.mul(new Decimal(1).plus(fraction)), instrument.tickSize),
    down: roundToTick(preClose.mul(new Decimal(1).minus(fraction)), instrument.tickSize),
  };
}

export type LotCheck =
  { readonly ok: true } | { readonly ok: false; readonly message: string; readonly lot: string };

/**
 * §3 lot grammar. Buys: multiples of 100 (main board, ChiNext, funds), ≥ 200 then any share
 * (STAR), ≥ 100 then any share (BSE), multiples of 10 (convertible bonds), 1 lot (derivatives).
 * Sells: the same, except that an odd remainder may be sold when it sells the whole holding.
 */
export function checkLot(
  security: Security,
  side: 'BUY' | 'SELL',
  quantity: number,
  heldQuantity: number,
): LotCheck {
  const wholeRemainder = side === 'SELL' && quantity === heldQuantity && quantity > 0;
  switch (security.board) {
    case 'STAR':
      if (quantity >= 200 || wholeRemainder) {
        return { ok: true };
      }
      return {
        ok: false,
        lot: '200 then 1',
        message: `quantity ${quantity} is below the 200-share minimum for STAR Market ${side === 'BUY' ? 'buys' : 'sells'}`,
      };
    case 'BSE':
      if (quantity >= 100 || wholeRemainder) {
        return { ok: true };
      }
      return {
        ok: false,
        lot: '100 then 1',
        message: `quantity ${quantity} is below the 100-share minimum for Beijing Stock Exchange orders`,
      };
    case 'FUTURE':
    case 'OPTION':
      return { ok: true };
    case 'BOND':
      return quantity % 10 === 0 || wholeRemainder
        ? { ok: true }
        : {
            ok: false,
            lot: '10',
            message: `quantity ${quantity} is not a multiple of the 10-bond lot`,
          };
    case 'MAIN':
    case 'CHINEXT':
    case 'FUND':
    case 'INDEX':
      return quantity % 100 === 0 || wholeRemainder
        ? { ok: true }
        : {
            ok: false,
            lot: '100',
            message: `quantity ${quantity} is not a multiple of the 100-share lot for ${security.symbol} ${side === 'BUY' ? 'buys' : 'sells'}`,
          };
  }
}

/** The buy lot (or minimum) per board, for display: cn-market-rules §3. */
export function lotSizeOf(security: Security): number {
  switch (security.board) {
    case 'STAR':
      return 200;
    case 'BOND':
      return 10;
    case 'FUTURE':
    case 'OPTION':
      return 1;
    case 'MAIN':
    case 'CHINEXT':
    case 'BSE':
    case 'FUND':
    case 'INDEX':
      return 100;
  }
}
