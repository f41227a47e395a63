// Issue 6 §2: the child quantity for one bucket. Target minus what is filled or still working,
// with the backlog from earlier buckets caught up as hard as the urgency says, capped by
// participation in observed market volume, rounded down to the lot (the cut carries on to later
// buckets) and, in the last bucket, everything that is left.
import { lotSizeOf, roundDownToLot } from '../instrument/index.js';
import type { Urgency } from './algo-types.js';
import type { Schedule } from './schedule.js';

export interface SliceState {
  /** Filled by the parent's children so far. */
  readonly filledQuantity: number;
  /** Still open in children not yet cancelled; counted as committed. */
  readonly workingQuantity: number;
  /** Sells: the current holding, so an odd remainder may go (cn-market-rules §3). */
  readonly heldQuantity: number;
  /**
   * Market volume in shares: in this bucket when it is already known (a re-plan mid-bucket),
   * else in the previous bucket. Neither: no participation cap can be applied.
   */
  readonly marketVolume: { readonly currentBucket?: number; readonly previousBucket?: number };
}

export const SliceLimit = {
  /** The child is what the schedule asks. */
  SCHEDULE: 'SCHEDULE',
  /** Filled or working already covers this bucket's target. */
  ON_SCHEDULE: 'ON_SCHEDULE',
  /** Nothing left to trade. */
  COMPLETE: 'COMPLETE',
  /** The participation cap cut the child. */
  PARTICIPATION: 'PARTICIPATION',
  /** Lot rounding cut the child; the rest carries on. */
  LOT: 'LOT',
  /** The index is not a bucket of the schedule. */
  OUTSIDE_WINDOW: 'OUTSIDE_WINDOW',
} as const;
export type SliceLimit = (typeof SliceLimit)[keyof typeof SliceLimit];

export interface SlicePlan {
  /** Child quantity to send now; 0 for none. */
  readonly quantity: number;
  /** Cumulative target at the bucket's end. */
  readonly targetQuantity: number;
  /** What the schedule and catch-up ask before cap and lot. */
  readonly wantedQuantity: number;
  /** maxParticipation × market volume, null when uncapped. */
  readonly participationCap: number | null;
  readonly limitedBy: SliceLimit;
  readonly isFinal: boolean;
  /** Last bucket only: what this child leaves unsent (cap or lot), which the window will miss. */
  readonly shortfall: number;
}

/**
 * Share of the backlog (target of the previous bucket not yet filled or working) a bucket takes
 * on top of its own quota: passive spreads it over the buckets left, neutral takes at least half,
 * aggressive all of it. Never less than an even spread, so the backlog is gone by the end.
 */
export function catchUpShare(urgency: Urgency, bucketsLeft: number): number {
  const even = 1 / Math.max(1, bucketsLeft);
  switch (urgency) {
    case 'PASSIVE':
      return even;
    case 'NEUTRAL':
      return Math.max(even, 0.5);
    case 'AGGRESSIVE':
      return 1;
  }
}

/** maxParticipation × observed volume, in whole shares; null without a cap or an observation. */
export function participationCap(
  maxParticipation: number | null,
  state: SliceState,
): number | null {
  const volume = state.marketVolume.currentBucket ?? state.marketVolume.previousBucket;
  if (maxParticipation === null || volume === undefined) {
    return null;
  }
  return Math.floor(maxParticipation * Math.max(0, volume));
}

export function planSlice(schedule: Schedule, bucketIndex: number, state: SliceState): SlicePlan {
  const { parent, buckets } = schedule;
  const bucket = buckets[bucketIndex];
  const open = state.filledQuantity + state.workingQuantity;
  const remaining = Math.max(0, parent.quantity - open);
  if (bucket === undefined) {
    return plan(0, 0, 0, null, 'OUTSIDE_WINDOW', false, 0);
  }
  const isFinal = bucketIndex === buckets.length - 1;
  const target = bucket.cumulativeTarget;
  if (remaining === 0) {
    return plan(0, target, 0, null, 'COMPLETE', isFinal, 0);
  }
  const previousTarget = buckets[bucketIndex - 1]?.cumulativeTarget ?? 0;
  const backlog = Math.max(0, previousTarget - open);
  const share = catchUpShare(parent.urgency, buckets.length - bucketIndex);
  const asked =
    backlog > 0 ? target - previousTarget + Math.ceil(share * backlog) : Math.max(0, target - open);
  const wanted = isFinal ? remaining : Math.min(remaining, asked);
  const cap = participationCap(parent.maxParticipation, state);
  if (wanted === 0) {
    return plan(0, target, 0, cap, 'ON_SCHEDULE', isFinal, 0);
  }
  const capped = cap === null ? wanted : Math.min(wanted, cap);
  const rounded = roundDownToLot(parent.security, parent.side, capped, state.heldQuantity);
  const room = cap === null ? remaining : Math.min(cap, remaining);
  const quantity = avoidStrandedRemainder(schedule, rounded, remaining, room, state.heldQuantity);
  const limitedBy: SliceLimit =
    quantity >= wanted ? 'SCHEDULE' : cap !== null && cap < wanted ? 'PARTICIPATION' : 'LOT';
  return plan(
    quantity,
    target,
    wanted,
    cap,
    limitedBy,
    isFinal,
    isFinal ? remaining - quantity : 0,
  );
}

/**
 * A child that would leave a remainder the lot rules cannot send on its own (a STAR buy of 1,000
 * with 850 done leaves 150, under the 200 minimum) is grown to take everything when the cap allows
 * (a little ahead of schedule beats a tail that can never go), or else shrunk so that what stays
 * is sendable. When neither works it is left as it is and the tail shows as the final shortfall.
 */
function avoidStrandedRemainder(
  schedule: Schedule,
  child: number,
  remaining: number,
  room: number,
  held: number,
): number {
  const { security, side } = schedule.parent;
  const sendable = (quantity: number, holding: number) =>
    quantity === 0 || roundDownToLot(security, side, quantity, holding) === quantity;
  const heldAfter = (sent: number) => (side === 'SELL' ? Math.max(0, held - sent) : 0);
  const rest = remaining - child;
  if (child === 0 || sendable(rest, heldAfter(child))) {
    return child;
  }
  if (remaining <= room && sendable(remaining, held)) {
    return remaining;
  }
  for (let less = 1; less <= Math.min(child, lotSizeOf(security)); less++) {
    const smaller = child - less;
    if (sendable(smaller, held) && sendable(rest + less, heldAfter(smaller))) {
      return smaller;
    }
  }
  return child;
}

function plan(
  quantity: number,
  targetQuantity: number,
  wantedQuantity: number,
  participationCap: number | null,
  limitedBy: SliceLimit,
  isFinal: boolean,
  shortfall: number,
): SlicePlan {
  return {
    quantity,
    targetQuantity,
    wantedQuantity,
    participationCap,
    limitedBy,
    isFinal,
    shortfall,
  };
}
