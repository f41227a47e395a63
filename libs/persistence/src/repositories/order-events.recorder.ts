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
  /** When the order was created (exchange clock); absent for events of no known order. */
  readonly orderCreatedAt?: Date;
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
  // so the second one finds the first one's copy when it inserts.
  const orders = await ledger.lockOrders(
    items.flatMap((i) => (i.event.orderId === null ? [] : [i.event.orderId])),
  );
  const days = items.map((i) => eventTradingDay(i.event, orderOf(orders, i)));
  // Optimistic: decide as if no event were stored yet, insert ON CONFLICT DO NOTHING, and only
  // when a copy turns out to exist (a replay, a redelivery) delete what this pass appended and
  // decide again knowing which. A probe before the insert would cost a lookup per event on every
  // batch, and a savepoint a round trip and a subtransaction.
  let stored = new Set<string>();
  for (let attempt = 1; ; attempt += 1) {
    const plan = planBatch(items, orders, days, stored);
    const seqs = await ledger.insertEvents(plan.rows);
    if (seqs.size === plan.rows.length || attempt === MAX_ATTEMPTS) {
      await writeProjections(ledger, plan, seqs);
      return plan.results;
    }
    stored = new Set(stored);
    for (const row of plan.rows) {
      if (!seqs.has(row.eventId)) {
        stored.add(keyOf(row.eventId, row.tradingDay));
      }
    }
    await ledger.deleteOwnEvents([...seqs.values()]);
  }
}

/** A second pass knows every copy stored before the batch; a third only meets a race on an
 * event of no order (whose outcome changes nothing). */
const MAX_ATTEMPTS = 3;

const keyOf = (eventId: string, tradingDay: string): string => `${eventId}\u0000${tradingDay}`;

function orderOf(
  orders: ReadonlyMap<string, OrderRecord>,
  item: EventToRecord,
): OrderRecord | undefined {
  return item.event.orderId === null ? undefined : orders.get(item.event.orderId);
}

interface BatchPlan {
  readonly rows: EventRow[];
  readonly results: LifecycleResult[];
  readonly updates: ViewUpdate[];
  readonly trades: TradeRecord[];
  /** The items that are new, for the projections. */
  readonly recorded: ReadonlySet<EventToRecord>;
}

/** What the batch writes, given the (event id, day) keys already stored. Pure. */
function planBatch(
  items: readonly EventToRecord[],
  orders: ReadonlyMap<string, OrderRecord>,
  days: readonly string[],
  storedBefore: ReadonlySet<string>,
): BatchPlan {
  const stored = new Set(storedBefore);
  const views = new Map([...orders].map(([id, order]) => [id, order.view]));
  const updates = new Map<string, ViewUpdate>();
  const rows: EventRow[] = [];
  const results: LifecycleResult[] = [];
  const trades: TradeRecord[] = [];
  const recorded = new Set<EventToRecord>();
  items.forEach((item, k) => {
    const { event, change } = item;
    const tradingDay = days[k] ?? tradingDayOf(event.ts);
    const key = keyOf(event.eventId, tradingDay);
    if (stored.has(key)) {
      results.push(DUPLICATE);
      return;
    }
    stored.add(key);
    recorded.add(item);
    const order = orderOf(orders, item);
    const strategyId = order?.strategyId ?? null;
    const created = order === undefined ? {} : { orderCreatedAt: order.createdAt };
    if (item.trade !== undefined) {
      trades.push({ ...item.trade, strategyId: item.trade.strategyId ?? strategyId });
    }
    if (change === null || order === undefined) {
      const outcome = change === null ? 'recorded' : 'no-order';
      rows.push({ ...event, tradingDay, outcome, stateAfter: null });
      results.push({ stored: true, outcome, before: null, after: null, strategyId, ...created });
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
    results.push({ stored: true, outcome, before, after, strategyId, ...created });
  });
  return { rows, results, updates: [...updates.values()], trades, recorded };
}

async function writeProjections(
  ledger: OrderLedger,
  plan: BatchPlan,
  seqs: ReadonlyMap<string, number>,
): Promise<void> {
  await ledger.saveViews(plan.updates);
  await ledger.insertTrades(plan.trades);
  const items = [...plan.recorded];
  const seqOf = (item: EventToRecord): number => seqs.get(item.event.eventId) ?? 0;
  await ledger.upsertBrokerPositions(
    items.flatMap((i) => (i.position === undefined ? [] : [{ ...i.position, eventSeq: seqOf(i) }])),
  );
  await ledger.upsertBrokerAssets(
    items.flatMap((i) => (i.asset === undefined ? [] : [{ ...i.asset, eventSeq: seqOf(i) }])),
  );
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
