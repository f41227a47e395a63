// Issue 6 §3: the parent's own order row speaks the same status language as any order, so
// blotters, filters and the update stream need nothing new. The status is derived from the
// parent's progress (itself derived from its children) and applied through the order state
// machine, so a parent too never reopens once it ended and its filled quantity never goes down.
import { XtOrderStatus } from '../xt/index.js';
import type { ParentProgress } from './parent-progress.js';

/**
 * The miniQMT status a parent's order row shows for its progress: 50 once children are out,
 * 55 once any filled, 51/52 while a cancel waits for its children, 56 when complete, 54/53 when
 * cancelled or expired without / with fills. Null before anything was sent (the row stays ROUTED).
 */
export function parentXtStatus(progress: ParentProgress): number | null {
  const filled = progress.filledQuantity > 0;
  switch (progress.state) {
    case 'SCHEDULED':
      return null;
    case 'WORKING':
    case 'PAUSED':
      if (filled) {
        return XtOrderStatus.ORDER_PART_SUCC;
      }
      return progress.childCount > 0 ? XtOrderStatus.ORDER_REPORTED : null;
    case 'CANCELLING':
      return filled ? XtOrderStatus.ORDER_PARTSUCC_CANCEL : XtOrderStatus.ORDER_REPORTED_CANCEL;
    case 'COMPLETED':
      return XtOrderStatus.ORDER_SUCCEEDED;
    case 'CANCELLED':
    case 'EXPIRED':
      return filled ? XtOrderStatus.ORDER_PART_CANCEL : XtOrderStatus.ORDER_CANCELED;
  }
}

/** Whether the parent has ended: nothing it does will change any more. */
export function isParentFinished(progress: ParentProgress): boolean {
  return (
    progress.state === 'COMPLETED' || progress.state === 'CANCELLED' || progress.state === 'EXPIRED'
  );
}
