// The risk service writes two kinds of order events itself: the verdict on a child it created
// (the OMS writes it for orders that came through its front door) and the parent's progress.
// Both go through the domain state machine inside one ledger transaction, like the OMS's own.
import { applyOrderEvent, type OrderEvent } from '@qmt/domain';
import type { NewOrderEvent, OrderStore } from '@qmt/persistence';

export type RecordOutcome =
  | 'applied'
  | 'recorded'
  | 'duplicate-event'
  | 'no-order'
  | `ignored:${string}`
  | `illegal:${string}`;

/** Appends `event` once (by event id) and applies `change` to its order. */
export async function recordOnOrder(
  store: OrderStore,
  event: NewOrderEvent & { readonly orderId: string },
  change: OrderEvent | null,
  rejectionDetails: Readonly<Record<string, unknown>> = {},
): Promise<RecordOutcome> {
  return store.transaction(async (ledger): Promise<RecordOutcome> => {
    const fresh = await ledger.claimEventIds([event]);
    if (!fresh.has(event.eventId)) {
      return 'duplicate-event';
    }
    const order = (await ledger.lockOrders([event.orderId])).get(event.orderId);
    if (order === undefined || change === null) {
      const outcome: RecordOutcome = order === undefined ? 'no-order' : 'recorded';
      await ledger.insertEvents([{ ...event, outcome, stateAfter: null }]);
      return outcome;
    }
    const applied = applyOrderEvent(order.view, change);
    switch (applied.kind) {
      case 'applied':
        await ledger.insertEvents([
          { ...event, outcome: 'applied', stateAfter: applied.order.state },
        ]);
        await ledger.saveViews([
          { orderId: order.orderId, view: applied.order, updatedAt: event.ts, rejectionDetails },
        ]);
        return 'applied';
      case 'ignored':
        await ledger.insertEvents([
          { ...event, outcome: `ignored:${applied.reason}`, stateAfter: order.view.state },
        ]);
        return `ignored:${applied.reason}`;
      case 'illegal':
        await ledger.insertEvents([
          { ...event, outcome: `illegal:${applied.to}`, stateAfter: order.view.state },
        ]);
        return `illegal:${applied.to}`;
    }
  });
}
