// What stream events mean for orders and projections; recordOrderEvents (libs/persistence)
// applies them.
import type { GatewayEvent } from '@qmt/contracts';
import { asPrice, sideOfOrderType, type OrderEvent } from '@qmt/domain';
import type { EventToRecord, NewOrderEvent } from '@qmt/persistence';

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
