// Recording order events: the one place that applies the domain state machine to stored orders
// (the OMS's ingestion and front door, the risk service's algo engine). The decisions are the
// domain's (applyOrderEvent); this only sequences the ledger's batch statements around them.
import { applyOrderEvent, tradingDayOf, type OrderEvent, type OrderView } from '@qmt/domain';
import type {
  BrokerAssetRow,
  BrokerPositionRow,
  EventRow,
  NewOrderEvent,
  OrderLedger,
  ViewUpdate,
} from './order-ledger.js';
import type { OrderRecord, TradeRecord } from './order-records.js';

/** One event to record, with what it means for its order and for the projections. */
export interface EventToRecord {
  readonly event: NewOrderEvent;
  /** The state-machine change it asks for; null for events that are only stored. */
  readonly change: OrderEvent | null;
  readonly rejectionDetails?: Readonly<Record<string, unknown>>;
  /** The fill a TRADE reports; its strategy defaults to the order's. */
  readonly trade?: TradeRecord;
  readonly position?: Omit<BrokerPositionRow, 'eventSeq'>;
  readonly asset?: Omit<BrokerAssetRow, 'eventSeq'>;
}

export interface LifecycleResult {
  readonly stored: boolean;
  /** applied, ignored:<reason>, illegal:<to>, recorded, no-order or duplicate-event. */
  readonly outcome: string;
  readonly before: OrderView | null;
  readonly after: OrderView | null;
  readonly strategyId: string | null;
}

const DUPLICATE: LifecycleResult = {
  stored: false,
  outcome: 'duplicate-event',
  before: null,
  after: null,
  strategyId: null,
};

/**
 * The partition an event is stored in: its order's creation day, so every event of an order sits
 * in one partition and a replayed callback (another timestamp, same id) meets its first copy
 * there; events of no known order go by their own timestamp (docs/persistence.md).
 */
export function eventTradingDay(event: NewOrderEvent, order: OrderRecord | undefined): string {
  return tradingDayOf(order?.createdAt ?? event.ts);
}

/**
 * Records a batch of events inside the caller's transaction: the orders they name are locked,
 * each event id not stored before is appended once, and each event that concerns a known order is
 * applied to it in batch order. Every event is kept whatever its outcome. A handful of statements
 * per batch, whatever its size, which is what makes ingestion fast.
 */
export async function recordOrderEvents(
  ledger: OrderLedger,
  items: readonly EventToRecord[],
): Promise<LifecycleResult[]> {
  // Locks first: two transactions carrying the same event for an order take turns on its row,
  // so the second one finds the first one's copy below.
  const orders = await ledger.lockOrders(
    items.flatMap((i) => (i.event.orderId === null ? [] : [i.event.orderId])),
  );
  const orderOf = (item: EventToRecord): OrderRecord | undefined =>
    item.event.orderId === null ? undefined : orders.get(item.event.orderId);
  const days = items.map((i) => eventTradingDay(i.event, orderOf(i)));
  const stored = await ledger.storedEvents(
    items.map((i, k) => ({ eventId: i.event.eventId, tradingDay: days[k] ?? '' })),
  );
  const views = new Map([...orders].map(([id, order]) => [id, order.view]));
  const updates = new Map<string, ViewUpdate>();
  const rows: EventRow[] = [];
  const results: LifecycleResult[] = [];
  const trades: TradeRecord[] = [];
  const recorded = new Set<EventToRecord>();
  items.forEach((item, k) => {
    const { event, change } = item;
    const key = `${event.eventId}\u0000${days[k] ?? ''}`;
    if (stored.has(key)) {
      results.push(DUPLICATE);
      return;
    }
    stored.add(key);
    recorded.add(item);
    const order = orderOf(item);
    const strategyId = order?.strategyId ?? null;
    const tradingDay = days[k] ?? tradingDayOf(event.ts);
    if (item.trade !== undefined) {
      trades.push({ ...item.trade, strategyId: item.trade.strategyId ?? strategyId });
    }
    if (change === null || order === undefined) {
      const outcome = change === null ? 'recorded' : 'no-order';
      rows.push({ ...event, tradingDay, outcome, stateAfter: null });
      results.push({ stored: true, outcome, before: null, after: null, strategyId });
      return;
    }
    const before = views.get(order.orderId) ?? order.view;
    const applied = applyOrderEvent(before, change);
    let after = before;
    let outcome: string;
    switch (applied.kind) {
      case 'applied':
        after = applied.order;
        outcome = 'applied';
        views.set(order.orderId, after);
        updates.set(order.orderId, {
          orderId: order.orderId,
          view: after,
          updatedAt: event.ts,
          rejectionDetails:
            item.rejectionDetails ?? updates.get(order.orderId)?.rejectionDetails ?? {},
        });
        break;
      case 'ignored':
        outcome = `ignored:${applied.reason}`;
        break;
      case 'illegal':
        outcome = `illegal:${applied.to}`;
        break;
    }
    rows.push({ ...event, tradingDay, outcome, stateAfter: after.state });
    results.push({ stored: true, outcome, before, after, strategyId });
  });
  const seqs = await ledger.insertEvents(rows);
  await ledger.saveViews([...updates.values()]);
  await ledger.insertTrades(trades);
  const seqOf = (item: EventToRecord): number => seqs.get(item.event.eventId) ?? 0;
  await ledger.upsertBrokerPositions(
    items.flatMap((i) =>
      i.position !== undefined && recorded.has(i) ? [{ ...i.position, eventSeq: seqOf(i) }] : [],
    ),
  );
  await ledger.upsertBrokerAssets(
    items.flatMap((i) =>
      i.asset !== undefined && recorded.has(i) ? [{ ...i.asset, eventSeq: seqOf(i) }] : [],
    ),
  );
  return results;
}

/** One event, as recordOrderEvents records a batch. */
export async function recordOrderEvent(
  ledger: OrderLedger,
  item: EventToRecord,
): Promise<LifecycleResult> {
  const [result] = await recordOrderEvents(ledger, [item]);
  if (result === undefined) {
    throw new Error(`no result for event ${item.event.eventId}`);
  }
  return result;
}
