// The risk service writes two kinds of order events itself: the verdict on a child it created
// (the OMS writes it for orders that came through its front door) and the parent's progress.
// Both go through recordOrderEvents (libs/persistence), like the OMS's own; several at once
// share one transaction.
import type { OrderEvent } from '@qmt/domain';
import { recordOrderEvents, type NewOrderEvent, type OrderStore } from '@qmt/persistence';

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
  const results = await store.transaction((ledger) =>
    recordOrderEvents(
      ledger,
      items.map(({ event, change, rejectionDetails }) => ({
        event,
        change,
        rejectionDetails: rejectionDetails ?? {},
      })),
    ),
  );
  return results.map((r) => r.outcome as RecordOutcome);
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
