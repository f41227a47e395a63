import {
  asMoney,
  asPrice,
  formatMoney,
  priceToYuan,
  xtOrderStatusName,
  xtPriceTypeName,
} from '@qmt/domain';
import type { OrderDetail, OrderRecord, TradeRecord } from '@qmt/persistence';

/** Names of submit-side price types in the API ("LIMIT", "LATEST", the MARKET_* names). */
export function priceTypeLabel(code: number): string {
  if (code === 11) {
    return 'LIMIT';
  }
  if (code === 5) {
    return 'LATEST';
  }
  return xtPriceTypeName(code) ?? String(code);
}

function yuan(units: number | null): number | null {
  return units === null ? null : priceToYuan(asPrice(units));
}

/** The order as API.md names its fields. */
export function orderJson(order: OrderRecord): Record<string, unknown> {
  const view = order.view;
  return {
    orderId: order.orderId,
    clientOrderId: order.clientOrderId,
    accountId: order.accountId,
    strategyId: order.strategyId,
    symbol: order.symbol,
    side: order.side,
    orderType: order.orderType,
    priceType: priceTypeLabel(order.priceType),
    price: yuan(order.price),
    quantity: order.quantity,
    filledQuantity: view.filledQuantity,
    avgFillPrice: yuan(view.avgFillPrice),
    status: view.state,
    xtStatus: view.xtStatus,
    brokerOrderId: view.brokerOrderId === null ? null : String(view.brokerOrderId),
    brokerSysId: view.brokerSysId === null || view.brokerSysId === '' ? null : view.brokerSysId,
    parentId: order.parentId,
    rejection:
      view.rejection === null ? null : { ...view.rejection, details: order.rejectionDetails ?? {} },
    statusMessage: view.statusMessage === '' ? null : view.statusMessage,
    createdAt: order.createdAt.toISOString(),
    updatedAt: order.updatedAt.toISOString(),
  };
}

/** Order detail: the order, every lifecycle event oldest first, its trades and its children. */
export function orderDetailJson(detail: OrderDetail): Record<string, unknown> {
  return {
    ...orderJson(detail.order),
    events: detail.events.map((event) => {
      const xtStatus =
        event.type === 'ORDER_STATUS' && typeof event.payload.xtStatus === 'number'
          ? event.payload.xtStatus
          : null;
      return {
        seq: event.seq,
        eventId: event.eventId,
        type: event.type,
        status:
          xtStatus === null ? event.stateAfter : (xtOrderStatusName(xtStatus) ?? 'ORDER_UNKNOWN'),
        xtStatus,
        stateAfter: event.stateAfter,
        outcome: event.outcome,
        source: event.source,
        ts: event.ts.toISOString(),
        payload: event.payload,
      };
    }),
    trades: detail.trades.map(tradeJson),
    ...(detail.children.length === 0 ? {} : { children: detail.children.map(orderJson) }),
  };
}

export function tradeJson(trade: TradeRecord): Record<string, unknown> {
  return {
    tradeId: trade.tradeId,
    orderId: trade.orderId,
    accountId: trade.accountId,
    strategyId: trade.strategyId,
    symbol: trade.symbol,
    side: trade.side,
    quantity: trade.quantity,
    price: yuan(trade.price),
    amount: Number(formatMoney(asMoney(trade.amount))),
    commission: Number(formatMoney(asMoney(trade.commission))),
    tradedAt: trade.tradedAt.toISOString(),
  };
}
