// Issue 6 §4: how a parent did against the market over its window. Slippage is positive when the
// parent did worse than the market VWAP: a buy paid more, a sell received less. Tracking error
// compares cumulative fills with the schedule's cumulative targets at each bucket end.
import type { Money, Price } from '../money/index.js';
import type { Side } from '../order/index.js';
import type { Schedule } from './schedule.js';

export interface ChildFill {
  readonly time: Date;
  readonly quantity: number;
  /** 0.0001 CNY units. */
  readonly price: Price;
}

/**
 * Market volume over [start, end): a 1-minute bar, or a single trade with start = end. Volume in
 * shares (xtdata bars count 手 for stocks: the adapter multiplies), notional in 0.0001 CNY.
 */
export interface MarketInterval {
  readonly start: Date;
  readonly end: Date;
  readonly volume: number;
  readonly notional: Money;
}

export interface TrackingError {
  /** max over ended buckets of |cumulative filled − cumulative target| / parent quantity. */
  readonly max: number;
  /** Root mean square of the same deviations. */
  readonly rms: number;
  /** Buckets compared (those ended by `asOf`). */
  readonly buckets: number;
}

export interface ExecutionQuality {
  readonly filledQuantity: number;
  /** Σ price × quantity / Σ quantity over the fills, 0.0001 CNY (unrounded); null if none. */
  readonly realisedVwap: number | null;
  /** Same over the market's volume in the window; null when the market did not trade. */
  readonly marketVwap: number | null;
  /** (realised − market) / market × 10,000 for a buy, (market − realised) / market for a sell. */
  readonly slippageBps: number | null;
  /** filled / parent quantity. */
  readonly fillRate: number;
  /** filled / market volume in the window; null when the market did not trade. */
  readonly participation: number | null;
  readonly marketVolume: number;
  readonly trackingError: TrackingError;
}

/** Slippage in basis points, positive = worse for the parent. */
export function slippageBps(side: Side, realised: number, market: number): number {
  const worse = side === 'BUY' ? realised - market : market - realised;
  return (worse / market) * 10_000;
}

// A bar partly inside the window counts pro rata to its overlap; a trade counts when its instant
// is in [start, end).
function overlapShare(interval: MarketInterval, start: number, end: number): number {
  const from = interval.start.getTime();
  const to = interval.end.getTime();
  if (to <= from) {
    return from >= start && from < end ? 1 : 0;
  }
  return Math.max(0, Math.min(to, end) - Math.max(from, start)) / (to - from);
}

export function trackingError(
  schedule: Schedule,
  fills: readonly ChildFill[],
  asOf: Date,
): TrackingError {
  const quantity = schedule.parent.quantity;
  const sorted = [...fills].sort((a, b) => a.time.getTime() - b.time.getTime());
  let cursor = 0;
  let cumulative = 0;
  let max = 0;
  let squares = 0;
  let compared = 0;
  for (const bucket of schedule.buckets) {
    if (bucket.end.getTime() > asOf.getTime()) {
      break;
    }
    for (
      let fill = sorted[cursor];
      fill !== undefined && fill.time.getTime() < bucket.end.getTime();
      fill = sorted[++cursor]
    ) {
      cumulative += fill.quantity;
    }
    const deviation = quantity > 0 ? Math.abs(cumulative - bucket.cumulativeTarget) / quantity : 0;
    max = Math.max(max, deviation);
    squares += deviation * deviation;
    compared += 1;
  }
  return { max, rms: compared > 0 ? Math.sqrt(squares / compared) : 0, buckets: compared };
}

/** The quality report over the schedule's window; `asOf` (default: the window's end) bounds tracking. */
export function executionQuality(
  schedule: Schedule,
  fills: readonly ChildFill[],
  market: readonly MarketInterval[],
  asOf: Date = schedule.window.end,
): ExecutionQuality {
  const { side, quantity } = schedule.parent;
  const start = schedule.window.start.getTime();
  const end = schedule.window.end.getTime();
  let filled = 0;
  let filledNotional = 0n;
  for (const fill of fills) {
    filled += fill.quantity;
    filledNotional += BigInt(fill.price) * BigInt(fill.quantity);
  }
  let marketVolume = 0;
  let marketNotional = 0;
  for (const interval of market) {
    const share = overlapShare(interval, start, end);
    marketVolume += interval.volume * share;
    marketNotional += Number(interval.notional) * share;
  }
  const realisedVwap = filled > 0 ? Number(filledNotional) / filled : null;
  const marketVwap = marketVolume > 0 ? marketNotional / marketVolume : null;
  return {
    filledQuantity: filled,
    realisedVwap,
    marketVwap,
    slippageBps:
      realisedVwap !== null && marketVwap !== null
        ? slippageBps(side, realisedVwap, marketVwap)
        : null,
    fillRate: quantity > 0 ? filled / quantity : 0,
    participation: marketVolume > 0 ? filled / marketVolume : null,
    marketVolume,
    trackingError: trackingError(schedule, fills, asOf),
  };
}
