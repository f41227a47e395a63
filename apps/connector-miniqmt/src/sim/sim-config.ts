import { parsePrice, type Price } from '@qmt/domain';
import type { XtIpoInfo } from '../session/xt-records.js';
import type { SimAccountConfig } from './sim-broker-state.js';
import type { SimInstrument } from './sim-quote-book.js';

export type SimQuoteSourceConfig =
  | { readonly source: 'static' }
  | {
      readonly source: 'synthetic';
      readonly seed?: number;
      /** Sim ms between snapshots (default 3000, the terminal's pace). */
      readonly intervalMs?: number;
      /** Shares a code trades in a day (default 5,000,000). */
      readonly dailyVolume?: number;
    }
  | { readonly source: 'csv'; readonly file: string; readonly loop?: boolean };

export interface SimConfig {
  readonly accounts: readonly SimAccountConfig[];
  /** Exchange holidays, YYYY-MM-DD (the desk config's calendar.holidays). */
  readonly holidays?: readonly string[];
  readonly instruments: readonly {
    readonly symbol: string;
    readonly name: string;
    /** Yuan. */
    readonly preClose: number;
    readonly tickSize: number;
    readonly multiplier?: number;
    readonly marginRatio?: number;
    readonly upLimit?: number | null;
    readonly downLimit?: number | null;
  }[];
  /**
   * Base of the broker ids this run hands out (order ids, contract numbers, traded ids). A real
   * counter never reuses them within a day, so by default the base comes from the start time:
   * a restarted sim must not repeat yesterday's traded ids (they are dedupe keys downstream).
   * A sim with saved state continues its own counters instead.
   */
  readonly idBase?: number;
  /** Delay before each callback, sim ms (0: next turn of the event loop). */
  readonly latencyMs?: number;
  readonly now: () => Date;
  /** Sim seconds per real second (default 1). */
  readonly speed?: number;
  /** Where the broker's state is kept across restarts; in memory when absent. */
  readonly stateDir?: string;
  readonly quotes?: SimQuoteSourceConfig;
  /** The desk trades round the clock (its continuous exchange clock). */
  readonly alwaysOpen?: boolean;
  /** False when the counter takes no orders (off-hours: an id, then a reject). */
  readonly acceptsOrders?: (now: Date) => boolean;
  /** Today's subscription codes. */
  readonly ipo?: Readonly<Record<string, XtIpoInfo>>;
  /** query_new_purchase_limit answer, shares by board key. */
  readonly ipoQuota?: Readonly<Record<string, number>>;
  readonly faultSeed?: number;
}

export const DEFAULT_DAILY_VOLUME = 5_000_000;
export const DEFAULT_IPO_QUOTA: Readonly<Record<string, number>> = {
  SH: 10_000,
  SZ: 10_000,
  KCB: 5_000,
};

function priceOrThrow(yuan: number, symbol: string): Price {
  const price = parsePrice(yuan);
  if (price === null) {
    throw new Error(`sim price ${yuan} of ${symbol} is not a price`);
  }
  return price;
}

export function simInstrumentsOf(config: SimConfig): SimInstrument[] {
  return config.instruments.map((i) => ({
    symbol: i.symbol,
    name: i.name,
    preClose: priceOrThrow(i.preClose, i.symbol),
    tick: priceOrThrow(i.tickSize, i.symbol),
    multiplier: i.multiplier ?? 1,
    marginRatio: i.marginRatio ?? 0.12,
    upLimit:
      i.upLimit === undefined || i.upLimit === null ? null : priceOrThrow(i.upLimit, i.symbol),
    downLimit:
      i.downLimit === undefined || i.downLimit === null
        ? null
        : priceOrThrow(i.downLimit, i.symbol),
  }));
}

export { priceOrThrow };
