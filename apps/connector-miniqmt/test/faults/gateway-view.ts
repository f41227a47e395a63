// What the gateway makes of the connector's events, folded with the domain reducer the OMS
// uses (deduped by event id as the OMS does), to compare with the sim broker's own books.
import type { GatewayEvent } from '@qmt/contracts';
import {
  applyOrderEvent,
  asPrice,
  newOrderView,
  xtOrderStatusName,
  type OrderEvent,
  type OrderView,
  type XtOrder,
} from '@qmt/domain';

function orderEventOf(event: GatewayEvent): OrderEvent | null {
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

export interface GatewayBook {
  readonly views: ReadonlyMap<string, OrderView>;
  /** Events the reducer called illegal: each one is a bug in the connector or the sim. */
  readonly illegal: readonly string[];
}

export function gatewayBook(
  events: readonly GatewayEvent[],
  quantityOf: (orderId: string) => number,
): GatewayBook {
  const views = new Map<string, OrderView>();
  const illegal: string[] = [];
  const seen = new Set<string>();
  for (const event of events) {
    if (seen.has(event.eventId) || event.orderId === undefined) {
      continue;
    }
    seen.add(event.eventId);
    const change = orderEventOf(event);
    if (change === null) {
      continue;
    }
    let view = views.get(event.orderId);
    if (view === undefined) {
      const approved = applyOrderEvent(newOrderView(quantityOf(event.orderId)), {
        type: 'RISK_APPROVED',
      });
      view = approved.kind === 'applied' ? approved.order : newOrderView(quantityOf(event.orderId));
    }
    const applied = applyOrderEvent(view, change);
    if (applied.kind === 'applied') {
      views.set(event.orderId, applied.order);
    } else {
      views.set(event.orderId, view);
      if (applied.kind === 'illegal') {
        illegal.push(`${event.eventId}: ${applied.from} → ${applied.to}`);
      }
    }
  }
  return { views, illegal };
}

/** Orders whose gateway view differs from the broker's record: [remark, gateway, broker]. */
export function mismatches(book: GatewayBook, brokerOrders: readonly XtOrder[]): string[] {
  const out: string[] = [];
  for (const order of brokerOrders) {
    const view = book.views.get(order.order_remark);
    const broker = `${xtOrderStatusName(order.order_status) ?? order.order_status}/${order.traded_volume}`;
    const gateway = view === undefined ? 'unknown' : `${view.state}/${view.filledQuantity}`;
    if (gateway !== broker) {
      out.push(`${order.order_remark}: gateway ${gateway}, broker ${broker}`);
    }
  }
  return out;
}
