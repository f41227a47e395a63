// The risk service writes two kinds of order events itself: the verdict on a child it created
// (the OMS writes it for orders that came through its front door) and the parent's progress.
// Both go through the domain state machine inside one ledger transaction, like the OMS's own;
// several at once share the transaction, and with it one take of the event log's lock (the
// runtime's throughput is bounded by how often it takes that lock).
import { applyOrderEvent, type OrderEvent, type OrderView } from '@qmt/domain';
import type { EventRow, NewOrderEvent, OrderStore, ViewUpdate } from '@qmt/persistence';

export type RecordOutcome =
  | 'applied'
  | 'recorded'
  | 'duplicate-event'
  | 'no-order'
  | `ignored:${string}`
  | `illegal:${string}`;

export interface OrderEventItem {
  readonly event: NewOrderEvent & { readonly orderId: string };
  /** The state-machine change; null for an event that is only stored. */
  readonly change: OrderEvent | null;
  readonly rejectionDetails?: Readonly<Record<string, unknown>>;
}

/** Appends each event once (by event id) and applies its change, in order, in one transaction. */
export async function recordOnOrders(
  store: OrderStore,
  items: readonly OrderEventItem[],
): Promise<RecordOutcome[]> {
  if (items.length === 0) {
    return [];
  }
  return store.transaction(async (ledger): Promise<RecordOutcome[]> => {
    // Row locks first, then the event log's lock (claimEventIds takes it): one round trip less
    // spent holding the lock every appender waits for.
    const orders = await ledger.lockOrders(items.map((i) => i.event.orderId));
    const fresh = await ledger.claimEventIds(items.map((i) => i.event));
    const views = new Map<string, OrderView>();
    const updates = new Map<string, ViewUpdate>();
    const rows: EventRow[] = [];
    const outcomes: RecordOutcome[] = [];
    for (const { event, change, rejectionDetails } of items) {
      if (!fresh.delete(event.eventId)) {
        outcomes.push('duplicate-event');
        continue;
      }
      const order = orders.get(event.orderId);
      if (order === undefined || change === null) {
        const outcome: RecordOutcome = order === undefined ? 'no-order' : 'recorded';
        rows.push({ ...event, outcome, stateAfter: null });
        outcomes.push(outcome);
        continue;
      }
      const before = views.get(order.orderId) ?? order.view;
      const applied = applyOrderEvent(before, change);
      switch (applied.kind) {
        case 'applied':
          views.set(order.orderId, applied.order);
          updates.set(order.orderId, {
            orderId: order.orderId,
            view: applied.order,
            updatedAt: event.ts,
            rejectionDetails: rejectionDetails ?? {},
          });
          rows.push({ ...event, outcome: 'applied', stateAfter: applied.order.state });
          outcomes.push('applied');
          break;
        case 'ignored':
          rows.push({ ...event, outcome: `ignored:${applied.reason}`, stateAfter: before.state });
          outcomes.push(`ignored:${applied.reason}`);
          break;
        case 'illegal':
          rows.push({ ...event, outcome: `illegal:${applied.to}`, stateAfter: before.state });
          outcomes.push(`illegal:${applied.to}`);
          break;
      }
    }
    await ledger.insertEvents(rows);
    await ledger.saveViews([...updates.values()]);
    return outcomes;
  });
}

/** One event, as recordOnOrders records several. */
export async function recordOnOrder(
  store: OrderStore,
  event: NewOrderEvent & { readonly orderId: string },
  change: OrderEvent | null,
  rejectionDetails: Readonly<Record<string, unknown>> = {},
): Promise<RecordOutcome> {
  const [outcome] = await recordOnOrders(store, [{ event, change, rejectionDetails }]);
  return outcome ?? 'duplicate-event';
}
