import type { GatewayEvent } from '@qmt/contracts';
import {
  applyOrderEvent,
  asPrice,
  sideOfOrderType,
  type OrderEvent,
  type OrderView,
} from '@qmt/domain';
import type {
  BrokerAssetRow,
  BrokerPositionRow,
  EventRow,
  NewOrderEvent,
  OrderLedger,
  TradeRecord,
  ViewUpdate,
} from '@qmt/persistence';

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
 * Records a batch of events inside the caller's transaction: each new event id is appended once,
 * and each event that concerns a known order is applied to it with the domain state machine, in
 * batch order. Every event is kept whatever its outcome. A handful of statements per batch,
 * whatever its size (the ledger writes arrays), which is what makes ingestion fast.
 */
export async function recordOrderEvents(
  ledger: OrderLedger,
  items: readonly EventToRecord[],
): Promise<LifecycleResult[]> {
  const fresh = await ledger.claimEventIds(items.map((i) => i.event));
  const orders = await ledger.lockOrders(
    items.flatMap((i) =>
      fresh.has(i.event.eventId) && i.change !== null && i.event.orderId !== null
        ? [i.event.orderId]
        : [],
    ),
  );
  const views = new Map([...orders].map(([id, order]) => [id, order.view]));
  const updates = new Map<string, ViewUpdate>();
  const rows: EventRow[] = [];
  const results: LifecycleResult[] = [];
  const trades: TradeRecord[] = [];
  const rowOf = new Map<EventToRecord, number>();
  for (const item of items) {
    const { event, change } = item;
    if (!fresh.delete(event.eventId)) {
      results.push(DUPLICATE);
      continue;
    }
    rowOf.set(item, rows.length);
    const order = event.orderId === null ? undefined : orders.get(event.orderId);
    const strategyId = order?.strategyId ?? null;
    if (item.trade !== undefined) {
      trades.push({ ...item.trade, strategyId: item.trade.strategyId ?? strategyId });
    }
    if (change === null || order === undefined) {
      const outcome = change === null ? 'recorded' : 'no-order';
      rows.push({ ...event, outcome, stateAfter: null });
      results.push({ stored: true, outcome, before: null, after: null, strategyId });
      continue;
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
      default:
        return assertNever(applied);
    }
    rows.push({ ...event, outcome, stateAfter: after.state });
    results.push({
      stored: true,
      outcome,
      before,
      after,
      strategyId,
      orderCreatedAt: order.createdAt,
    });
  }
  const seqs = await ledger.insertEvents(rows);
  await ledger.saveViews([...updates.values()]);
  await ledger.insertTrades(trades);
  const seqOf = (item: EventToRecord): number => seqs[rowOf.get(item) ?? -1] ?? 0;
  await ledger.upsertBrokerPositions(
    items.flatMap((i) =>
      i.position !== undefined && rowOf.has(i) ? [{ ...i.position, eventSeq: seqOf(i) }] : [],
    ),
  );
  await ledger.upsertBrokerAssets(
    items.flatMap((i) =>
      i.asset !== undefined && rowOf.has(i) ? [{ ...i.asset, eventSeq: seqOf(i) }] : [],
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

function assertNever(value: never): never {
  throw new Error(`unexpected ${JSON.stringify(value)}`);
}

/** What a stream event means for the order and the projections. */
export function toRecord(event: GatewayEvent): EventToRecord {
  const stored: NewOrderEvent = {
    eventId: event.eventId,
    orderId: event.orderId ?? null,
    accountId: event.accountId,
    type: event.type,
    source: event.source,
    payload: event.payload,
    ts: new Date(event.ts),
  };
  const item = { event: stored, change: orderEventOf(event) };
  switch (event.type) {
    case 'TRADE':
      return {
        ...item,
        trade: {
          accountId: event.accountId,
          tradeId: event.payload.tradeId,
          orderId: event.orderId ?? null,
          strategyId: event.strategyId ?? null,
          symbol: event.payload.symbol,
          side: sideOfOrderType(event.payload.orderType),
          quantity: event.payload.quantity,
          price: event.payload.price,
          amount: BigInt(event.payload.amount),
          commission: BigInt(event.payload.commission),
          tradedAt: new Date(event.payload.tradedAt),
        },
      };
    case 'POSITION':
      return {
        ...item,
        position: {
          accountId: event.accountId,
          symbol: event.payload.symbol,
          volume: event.payload.volume,
          sellableVolume: event.payload.sellableVolume,
          frozenVolume: event.payload.frozenVolume,
          yesterdayVolume: event.payload.yesterdayVolume,
          avgPrice: event.payload.avgPrice,
          marketValue: event.payload.marketValue,
          asOf: stored.ts,
        },
      };
    case 'ASSET':
      return {
        ...item,
        asset: { accountId: event.accountId, ...event.payload, asOf: stored.ts },
      };
    case 'ORDER_STATUS':
    case 'ORDER_ERROR':
    case 'CANCEL_ERROR':
    case 'ORDER_ACK':
    case 'CONNECTOR_STATUS':
    case 'ROUTE_REFUSED':
      return item;
  }
}

/** The state-machine change a stream event asks for; null for events that only get stored. */
export function orderEventOf(event: GatewayEvent): OrderEvent | null {
  switch (event.type) {
    case 'ORDER_STATUS':
      return {
        type: 'BROKER_STATUS',
        xtStatus: event.payload.xtStatus,
        filledQuantity: event.payload.filledQuantity,
        avgFillPrice: asPrice(event.payload.avgFillPrice),
        brokerOrderId: event.payload.brokerOrderId,
        brokerSysId: event.payload.brokerSysId,
        message: event.payload.message,
      };
    case 'TRADE':
      return {
        type: 'BROKER_TRADE',
        tradeId: event.payload.tradeId,
        quantity: event.payload.quantity,
        price: asPrice(event.payload.price),
      };
    case 'ORDER_ERROR':
      return {
        type: 'BROKER_ORDER_ERROR',
        errorId: event.payload.errorId,
        message: event.payload.message,
      };
    case 'ORDER_ACK':
      return { type: 'BROKER_ACK', brokerOrderId: event.payload.brokerOrderId };
    case 'ROUTE_REFUSED':
      return event.payload.jobKind === 'PLACE'
        ? { type: 'ROUTE_REFUSED', rule: event.payload.rule, message: event.payload.reason }
        : null;
    case 'CANCEL_ERROR':
    case 'ASSET':
    case 'POSITION':
    case 'CONNECTOR_STATUS':
      return null;
  }
}
