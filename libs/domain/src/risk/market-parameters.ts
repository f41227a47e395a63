// Exchange parameters the instrument rules read, as data with cn-market-rules.md's values as
// defaults (its header: rules change, so every one is configurable). UNCONFIRMED items there are
// marked here too; replace them from the exchange's current rules before live use.
import type { Board, Market } from '../instrument/index.js';
import { XtPriceType } from '../xt/index.js';

/** Continuous-session price cage (§4): within `bps` of the reference, or `minTicks`, the wider. */
export interface PriceCage {
  readonly bps: number;
  readonly minTicks: number;
}

/** Largest quantity one order may carry, by price kind (§3); null when the exchange sets none. */
export interface QuantityCap {
  readonly limit: number | null;
  readonly market: number | null;
}

export interface MarketParameters {
  readonly priceCage: Readonly<Partial<Record<Board, PriceCage>>>;
  readonly maxOrderQuantity: Readonly<Partial<Record<Board, QuantityCap>>>;
  /** Futures caps by product (CFFEX index futures, §3). */
  readonly futuresMaxOrderQuantity: Readonly<Record<string, QuantityCap>>;
  /** xt market price types each market accepts (§7, xtquant §1.3); limit and latest are always legal. */
  readonly marketPriceTypes: Readonly<Record<Market, readonly number[]>>;
  /** Boards whose market orders must carry a protective limit price (§4). */
  readonly protectivePriceBoards: ReadonlySet<Board>;
  /** Futures night sessions: product → end in minutes after the evening's midnight (§5). */
  readonly nightSessionEnds: Readonly<Record<string, number>>;
}

const hhmm = (hours: number, minutes = 0): number => hours * 60 + minutes;
const nightUntil = (end: number, products: readonly string[]): Record<string, number> =>
  Object.fromEntries(products.map((product) => [product, end]));

export const DEFAULT_MARKET_PARAMETERS: MarketParameters = {
  priceCage: {
    STAR: { bps: 200, minTicks: 0 },
    CHINEXT: { bps: 200, minTicks: 0 },
    // UNCONFIRMED effective date and form for the main boards; 5% or 10 ticks on BSE.
    MAIN: { bps: 200, minTicks: 10 },
    BSE: { bps: 500, minTicks: 10 },
  },
  maxOrderQuantity: {
    // UNCONFIRMED for main-board market orders and BSE.
    MAIN: { limit: 1_000_000, market: 1_000_000 },
    CHINEXT: { limit: 300_000, market: 150_000 },
    STAR: { limit: 100_000, market: 50_000 },
    BSE: { limit: 1_000_000, market: 1_000_000 },
  },
  futuresMaxOrderQuantity: {
    // UNCONFIRMED: CFFEX index futures 20 lots per limit order, 10 per market order.
    IF: { limit: 20, market: 10 },
    IH: { limit: 20, market: 10 },
    IC: { limit: 20, market: 10 },
    IM: { limit: 20, market: 10 },
  },
  marketPriceTypes: {
    SH: [
      XtPriceType.MARKET_SH_CONVERT_5_CANCEL,
      XtPriceType.MARKET_SH_CONVERT_5_LIMIT,
      XtPriceType.MARKET_PEER_PRICE_FIRST,
      XtPriceType.MARKET_MINE_PRICE_FIRST,
    ],
    BJ: [
      XtPriceType.MARKET_SH_CONVERT_5_CANCEL,
      XtPriceType.MARKET_SH_CONVERT_5_LIMIT,
      XtPriceType.MARKET_PEER_PRICE_FIRST,
      XtPriceType.MARKET_MINE_PRICE_FIRST,
    ],
    SZ: [
      XtPriceType.MARKET_PEER_PRICE_FIRST,
      XtPriceType.MARKET_MINE_PRICE_FIRST,
      XtPriceType.MARKET_SZ_INSTBUSI_RESTCANCEL,
      XtPriceType.MARKET_SZ_CONVERT_5_CANCEL,
      XtPriceType.MARKET_SZ_FULL_OR_CANCEL,
    ],
    SZO: [
      XtPriceType.MARKET_PEER_PRICE_FIRST,
      XtPriceType.MARKET_MINE_PRICE_FIRST,
      XtPriceType.MARKET_SZ_INSTBUSI_RESTCANCEL,
      XtPriceType.MARKET_SZ_CONVERT_5_CANCEL,
      XtPriceType.MARKET_SZ_FULL_OR_CANCEL,
    ],
    SHO: [],
    IF: [
      XtPriceType.MARKET_CANCEL_1,
      XtPriceType.MARKET_CANCEL_5,
      XtPriceType.MARKET_CONVERT_1,
      XtPriceType.MARKET_CONVERT_5,
    ],
    DF: [XtPriceType.MARKET_CANCEL, XtPriceType.MARKET_CANCEL_ALL],
    ZF: [XtPriceType.MARKET_BEST],
    SF: [],
    INE: [],
    GF: [],
  },
  // UNCONFIRMED for ChiNext.
  protectivePriceBoards: new Set<Board>(['STAR']),
  // Not in the reference table ("night sessions per product"): the exchanges' published hours,
  // to be checked against the calendar feed. A product missing here has no night session.
  nightSessionEnds: {
    ...nightUntil(hhmm(23), ['rb', 'hc', 'bu', 'ru', 'fu', 'sp', 'br', 'lu', 'nr']),
    ...nightUntil(hhmm(25), ['cu', 'al', 'zn', 'pb', 'ni', 'sn', 'ss', 'ao', 'bc']),
    ...nightUntil(hhmm(26, 30), ['au', 'ag', 'sc']),
    // DCE and CZCE night sessions end at 23:00.
    ...nightUntil(hhmm(23), ['a', 'b', 'm', 'y', 'p', 'c', 'cs', 'i', 'j', 'jm', 'l', 'v']),
    ...nightUntil(hhmm(23), ['pp', 'eg', 'eb', 'pg', 'rr']),
    ...nightUntil(hhmm(23), ['SR', 'CF', 'TA', 'MA', 'RM', 'OI', 'FG', 'SA', 'PF', 'SH', 'PX']),
  },
};

const LIMIT_PRICE_TYPES: ReadonlySet<number> = new Set([
  XtPriceType.FIX_PRICE,
  XtPriceType.LATEST_PRICE,
]);

/** A market price type (anything but a limit or latest-price order). */
export function isMarketPriceType(priceType: number): boolean {
  return !LIMIT_PRICE_TYPES.has(priceType);
}
