// Issue 6 §3: a parent's progress is derived from its children, never kept as a second ledger:
// filled and working from the children's states, the target so far from the schedule at `now`,
// and the parent's state from both plus what the desk asked of it (run, pause, cancel).
import { asPrice, type Money, type Price } from '../money/index.js';
import { isTerminalState, type OrderState } from '../order/index.js';
import type { Schedule } from './schedule.js';

/** What the desk last asked of the parent; the runtime persists it. */
export type ParentControl = 'RUNNING' | 'PAUSED' | 'CANCEL_REQUESTED';

export const ParentState = {
  /** Before the window opens. */
  SCHEDULED: 'SCHEDULED',
  WORKING: 'WORKING',
  PAUSED: 'PAUSED',
  /** Cancel asked; children still working. */
  CANCELLING: 'CANCELLING',
  CANCELLED: 'CANCELLED',
  COMPLETED: 'COMPLETED',
  /** The window is over with quantity left and nothing working. */
  EXPIRED: 'EXPIRED',
} as const;
export type ParentState = (typeof ParentState)[keyof typeof ParentState];

export interface ChildOrder {
  readonly state: OrderState;
  readonly quantity: number;
  readonly filledQuantity: number;
  /** Average fill price, 0.0001 CNY; null while unfilled. */
  readonly avgFillPrice: Price | null;
}

export interface ParentOrder {
  readonly quantity: number;
  readonly control: ParentControl;
  readonly schedule: Schedule;
}

export interface ParentProgress {
  readonly state: ParentState;
  readonly filledQuantity: number;
  /** Open in children that are not terminal (ORDER_UNKNOWN counts: it may still fill). */
  readonly workingQuantity: number;
  /** Parent quantity not yet filled. */
  readonly remainingQuantity: number;
  /** Neither filled nor working: what later children may still send. */
  readonly unallocatedQuantity: number;
  /** Σ fill price × quantity over children, 0.0001 CNY. */
  readonly fillNotional: Money;
  /** fillNotional / filledQuantity rounded half up; null while unfilled. */
  readonly avgFillPrice: Price | null;
  /** The schedule's target at `now`, linear within the current bucket. */
  readonly targetQuantity: number;
  /** filled − target: positive ahead of schedule, negative behind. */
  readonly aheadQuantity: number;
  /** Fills beyond the parent quantity: a broken invariant the runtime must alert on. */
  readonly overfilledQuantity: number;
  readonly childCount: number;
  readonly workingChildCount: number;
}

/** The cumulative target at an instant: 0 before the window, the full quantity after it. */
export function targetAt(schedule: Schedule, now: Date): number {
  let before = 0;
  for (const bucket of schedule.buckets) {
    const start = bucket.start.getTime();
    const end = bucket.end.getTime();
    if (now.getTime() < start) {
      return before;
    }
    if (now.getTime() < end) {
      return Math.round(
        before + ((bucket.cumulativeTarget - before) * (now.getTime() - start)) / (end - start),
      );
    }
    before = bucket.cumulativeTarget;
  }
  return before;
}

export function parentProgress(
  parent: ParentOrder,
  children: readonly ChildOrder[],
  now: Date,
): ParentProgress {
  let filled = 0;
  let working = 0;
  let workingChildren = 0;
  let notional = 0n;
  for (const child of children) {
    filled += child.filledQuantity;
    if (child.avgFillPrice !== null) {
      notional += BigInt(child.avgFillPrice) * BigInt(child.filledQuantity);
    }
    if (!isTerminalState(child.state)) {
      const open = Math.max(0, child.quantity - child.filledQuantity);
      working += open;
      workingChildren += open > 0 ? 1 : 0;
    }
  }
  const target = targetAt(parent.schedule, now);
  return {
    state: deriveState(parent, filled, working, now),
    filledQuantity: filled,
    workingQuantity: working,
    remainingQuantity: Math.max(0, parent.quantity - filled),
    unallocatedQuantity: Math.max(0, parent.quantity - filled - working),
    fillNotional: notional as Money,
    avgFillPrice:
      filled > 0 ? asPrice(Number((notional * 2n + BigInt(filled)) / (2n * BigInt(filled)))) : null,
    targetQuantity: target,
    aheadQuantity: filled - target,
    overfilledQuantity: Math.max(0, filled - parent.quantity),
    childCount: children.length,
    workingChildCount: workingChildren,
  };
}

function deriveState(parent: ParentOrder, filled: number, working: number, now: Date): ParentState {
  if (filled >= parent.quantity) {
    return 'COMPLETED';
  }
  if (parent.control === 'CANCEL_REQUESTED') {
    return working > 0 ? 'CANCELLING' : 'CANCELLED';
  }
  const { start, end } = parent.schedule.window;
  if (now.getTime() >= end.getTime() && working === 0) {
    return 'EXPIRED';
  }
  if (parent.control === 'PAUSED') {
    return 'PAUSED';
  }
  return now.getTime() < start.getTime() && filled === 0 && working === 0 ? 'SCHEDULED' : 'WORKING';
}
