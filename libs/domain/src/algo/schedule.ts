// Issue 6 §2: cumulative targets per bucket. A bucket's weight is the profile's volume share over
// the seconds it covers (minutes split pro rata), renormalised over the window; the cumulative
// target is the parent quantity times the cumulative weight, rounded, and the last one is exact.
import type { AlgoParent } from './algo-types.js';
import { shanghaiInstant, sliceWindow, type Bucket, type TradingWindow } from './trading-window.js';
import {
  flatProfile,
  normaliseWeights,
  profileMinuteAt,
  profileMinuteStart,
  type ProfileSource,
  type VolumeProfile,
} from './volume-profile.js';

export interface ScheduleBucket extends Bucket {
  /** Share of the parent this bucket is meant to trade; Σ over the schedule = 1. */
  readonly weight: number;
  /** Quantity the parent should have filled by the bucket's end; the last equals the parent. */
  readonly cumulativeTarget: number;
}

export interface Schedule {
  readonly parent: AlgoParent;
  readonly window: TradingWindow;
  readonly bucketSeconds: number;
  /** The profile followed: FLAT for TWAP, or for a VWAP whose profile is empty on the window. */
  readonly profileSource: ProfileSource;
  readonly buckets: readonly ScheduleBucket[];
}

/**
 * Profile volume share over [start, end) on the day whose Shanghai midnight is `midnightMs`, each
 * minute's share spread evenly over its seconds.
 */
function profileShare(
  weights: readonly number[],
  midnightMs: number,
  start: Date,
  end: Date,
): number {
  const to = (end.getTime() - midnightMs) / 1000;
  let share = 0;
  let cursor = (start.getTime() - midnightMs) / 1000;
  while (cursor < to) {
    const minute = profileMinuteAt(cursor);
    if (minute === null) {
      break;
    }
    const upTo = Math.min(profileMinuteStart(minute) + 60, to);
    share += ((weights[minute] ?? 0) * (upTo - cursor)) / 60;
    cursor = upTo;
  }
  return share;
}

/** Cumulative targets over the window's buckets; TWAP ignores `profile` and follows time. */
export function buildSchedule(
  parent: AlgoParent,
  profile: VolumeProfile,
  window: TradingWindow,
  bucketSeconds: number,
): Schedule {
  const buckets = sliceWindow(window, bucketSeconds);
  const midnight = shanghaiInstant(window.tradingDay, 0).getTime();
  const shares = (weights: readonly number[]) =>
    buckets.map((b) => profileShare(weights, midnight, b.start, b.end));
  const followed = parent.type === 'TWAP' ? flatProfile() : profile;
  const byVolume = normaliseWeights(shares(followed.weights));
  // A profile with no volume anywhere in the window (a thin stock's quiet hour) gives no shape
  // to follow, so time does.
  const weights = byVolume ?? normaliseWeights(shares(flatProfile().weights)) ?? [];
  let cumulative = 0;
  const scheduled = buckets.map((bucket, i): ScheduleBucket => {
    const weight = weights[i] ?? 0;
    cumulative += weight;
    const last = i === buckets.length - 1;
    return {
      index: bucket.index,
      start: bucket.start,
      end: bucket.end,
      weight,
      cumulativeTarget: last
        ? parent.quantity
        : Math.min(parent.quantity, Math.round(parent.quantity * cumulative)),
    };
  });
  return {
    parent,
    window,
    bucketSeconds,
    profileSource: byVolume === null ? 'FLAT' : followed.source,
    buckets: scheduled,
  };
}
