import type { GatewayEvent } from '@qmt/contracts';
import { applyOrderEvent, asPrice, type OrderEvent, type OrderView } from '@qmt/domain';
import type { NewOrderEvent, OrderLedger } from '@qmt/persistence';

export interface LifecycleResult {
  readonly stored: boolean;
  readonly outcome: string;
  readonly before: OrderView | null;
  readonly after: OrderView | null;
  readonly strategyId: string | null;
}

/**
 * Appends one event and, when it is new and concerns a known order, applies it with the domain
 * state machine inside the caller's transaction. Every event is kept, whatever its outcome.
 */
export async function recordOrderEvent(
  ledger: OrderLedger,
  event: NewOrderEvent,
  change: OrderEvent | null,
  rejectionDetails?: Record<string, unknown>,
): Promise<LifecycleResult> {
  const stored = await ledger.appendEvent(event);
  if (!stored) {
    return { stored, outcome: 'duplicate-event', before: null, after: null, strategyId: null };
  }
  if (change === null || event.orderId === null) {
    const outcome = change === null ? 'recorded' : 'no-order';
    await ledger.setEventOutcome(event.eventId, outcome, null);
    return { stored, outcome, before: null, after: null, strategyId: null };
  }
  const order = await ledger.lockOrder(event.orderId);
  if (order === null) {
    await ledger.setEventOutcome(event.eventId, 'no-order', null);
    return { stored, outcome: 'no-order', before: null, after: null, strategyId: null };
  }
  const applied = applyOrderEvent(order.view, change);
  switch (applied.kind) {
    case 'applied':
      await ledger.saveView(order.orderId, applied.order, event.ts, rejectionDetails);
      await ledger.setEventOutcome(event.eventId, 'applied', applied.order.state);
      return {
        stored,
        outcome: 'applied',
        before: order.view,
        after: applied.order,
        strategyId: order.strategyId,
      };
    case 'ignored':
      await ledger.setEventOutcome(event.eventId, `ignored:${applied.reason}`, order.view.state);
      return {
        stored,
        outcome: `ignored:${applied.reason}`,
        before: order.view,
        after: order.view,
        strategyId: order.strategyId,
      };
    case 'illegal':
      await ledger.setEventOutcome(event.eventId, `illegal:${applied.to}`, order.view.state);
      return {
        stored,
        outcome: 'illegal',
        before: order.view,
        after: order.view,
        strategyId: order.strategyId,
      };
    default:
      return assertNever(applied);
  }
}

function assertNever(value: never): never {
  throw new Error(`unexpected ${JSON.stringify(value)}`);
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
