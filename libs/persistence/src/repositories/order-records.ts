import type { OrderState, OrderView } from '@qmt/domain';
import { asMoney, asPrice } from '@qmt/domain';
import type { OrderEntity } from '../entities/order.entity.js';
import type { TradeEntity } from '../entities/trade.entity.js';

/** What the OMS writes first, before anything is routed. */
export interface NewOrder {
  readonly orderId: string;
  readonly clientOrderId: string;
  readonly requestHash: string;
  readonly accountId: string;
  readonly strategyId: string;
  readonly symbol: string;
  readonly side: 'BUY' | 'SELL' | null;
  readonly orderType: number;
  readonly priceType: number;
  readonly price: number | null;
  readonly quantity: number;
  readonly parentId: string | null;
  readonly createdAt: Date;
}

export interface OrderRecord extends Omit<NewOrder, 'requestHash'> {
  readonly requestHash: string;
  readonly view: OrderView;
  readonly updatedAt: Date;
  readonly rejectionDetails: Readonly<Record<string, unknown>> | null;
}

export interface OrderEventRecord {
  readonly seq: number;
  readonly eventId: string;
  readonly type: string;
  readonly source: string;
  readonly outcome: string;
  readonly stateAfter: string | null;
  readonly payload: Readonly<Record<string, unknown>>;
  readonly ts: Date;
}

export interface TradeRecord {
  readonly accountId: string;
  readonly tradeId: string;
  readonly orderId: string | null;
  readonly strategyId: string | null;
  readonly symbol: string;
  readonly side: string | null;
  readonly quantity: number;
  readonly price: number;
  readonly amount: bigint;
  readonly commission: bigint;
  readonly tradedAt: Date;
}

export interface OrderDetail {
  readonly order: OrderRecord;
  readonly events: readonly OrderEventRecord[];
  readonly trades: readonly TradeRecord[];
  /** Child orders of an algo parent (parentId = this order), oldest first; empty otherwise. */
  readonly children: readonly OrderRecord[];
  /** An algo parent (it has an algo_orders row): its detail adds the algo section. */
  readonly isAlgoParent: boolean;
}

export function viewOfEntity(row: OrderEntity): OrderView {
  return {
    state: row.status as OrderState,
    quantity: row.quantity,
    filledQuantity: row.filledQuantity,
    tradedFromTrades: row.tradedFromTrades,
    reportedFilled: row.reportedFilled,
    fillNotional: asMoney(BigInt(row.fillNotional)),
    reportedAvgPrice: asPrice(row.reportedAvgPrice),
    avgFillPrice: row.avgFillPrice === null ? null : asPrice(row.avgFillPrice),
    xtStatus: row.xtStatus,
    brokerOrderId: row.brokerOrderId,
    brokerSysId: row.brokerSysId,
    tradeIds: row.tradeIds,
    rejection:
      row.rejection === null ? null : { rule: row.rejection.rule, message: row.rejection.message },
    statusMessage: row.statusMessage,
  };
}

/** Copies a reduced view onto the row (the projection columns). */
export function writeView(
  row: OrderEntity,
  view: OrderView,
  details?: Record<string, unknown>,
): void {
  row.status = view.state;
  row.filledQuantity = view.filledQuantity;
  row.tradedFromTrades = view.tradedFromTrades;
  row.reportedFilled = view.reportedFilled;
  row.fillNotional = view.fillNotional.toString();
  row.reportedAvgPrice = view.reportedAvgPrice;
  row.avgFillPrice = view.avgFillPrice;
  row.xtStatus = view.xtStatus;
  row.brokerOrderId = view.brokerOrderId;
  row.brokerSysId = view.brokerSysId;
  row.tradeIds = [...view.tradeIds];
  row.statusMessage = view.statusMessage;
  if (view.rejection === null) {
    row.rejection = null;
  } else if (row.rejection?.rule !== view.rejection.rule) {
    row.rejection = { ...view.rejection, details: details ?? {} };
  }
}

/** An orders row as raw SQL returns it (bigint and numeric columns as strings). */
export interface OrderRow {
  readonly order_id: string;
  readonly client_order_id: string;
  readonly request_hash: string;
  readonly account_id: string;
  readonly strategy_id: string;
  readonly symbol: string;
  readonly side: string | null;
  readonly order_type: number;
  readonly price_type: number;
  readonly price: string | null;
  readonly quantity: string;
  readonly filled_quantity: string;
  readonly traded_from_trades: string;
  readonly reported_filled: string;
  readonly fill_notional: string;
  readonly reported_avg_price: string;
  readonly avg_fill_price: string | null;
  readonly status: string;
  readonly xt_status: number | null;
  readonly broker_order_id: string | null;
  readonly broker_sys_id: string | null;
  readonly trade_ids: string[];
  readonly status_message: string;
  readonly parent_id: string | null;
  readonly rejection: OrderEntity['rejection'];
  readonly created_at: Date;
  readonly updated_at: Date;
}

const numberOrNull = (value: string | null): number | null =>
  value === null ? null : Number(value);

/** The entity shape of a raw row: the hot ingestion path reads orders without the ORM. */
export function entityOfRow(row: OrderRow): OrderEntity {
  return {
    orderId: row.order_id,
    clientOrderId: row.client_order_id,
    requestHash: row.request_hash,
    accountId: row.account_id,
    strategyId: row.strategy_id,
    symbol: row.symbol,
    side: row.side,
    orderType: row.order_type,
    priceType: row.price_type,
    price: numberOrNull(row.price),
    quantity: Number(row.quantity),
    filledQuantity: Number(row.filled_quantity),
    tradedFromTrades: Number(row.traded_from_trades),
    reportedFilled: Number(row.reported_filled),
    fillNotional: row.fill_notional,
    reportedAvgPrice: Number(row.reported_avg_price),
    avgFillPrice: numberOrNull(row.avg_fill_price),
    status: row.status,
    xtStatus: row.xt_status,
    brokerOrderId: numberOrNull(row.broker_order_id),
    brokerSysId: row.broker_sys_id,
    tradeIds: row.trade_ids,
    statusMessage: row.status_message,
    parentId: row.parent_id,
    rejection: row.rejection,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function recordOfEntity(row: OrderEntity): OrderRecord {
  return {
    orderId: row.orderId,
    clientOrderId: row.clientOrderId,
    requestHash: row.requestHash,
    accountId: row.accountId,
    strategyId: row.strategyId,
    symbol: row.symbol,
    side: row.side as 'BUY' | 'SELL' | null,
    orderType: row.orderType,
    priceType: row.priceType,
    price: row.price,
    quantity: row.quantity,
    parentId: row.parentId,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    view: viewOfEntity(row),
    rejectionDetails: row.rejection?.details ?? null,
  };
}

export function tradeRecordOf(t: TradeEntity): TradeRecord {
  return {
    accountId: t.accountId,
    tradeId: t.tradeId,
    orderId: t.orderId,
    strategyId: t.strategyId,
    symbol: t.symbol,
    side: t.side,
    quantity: t.quantity,
    price: t.price,
    amount: BigInt(t.amount),
    commission: BigInt(t.commission),
    tradedAt: t.tradedAt,
  };
}
