import { AuditOutboxEntity, AuditRecordEntity } from './audit-record.entity.js';
import { AlgoOrderEntity, AlgoSliceEntity } from './algo-order.entity.js';
import { DeadLetterEntity } from './dead-letter.entity.js';
import { OrderEventEntity } from './order-event.entity.js';
import { OrderEntity } from './order.entity.js';
import { BookFlowEntity, BrokerAssetEntity, BrokerPositionEntity } from './projection.entities.js';
import { TradeEntity } from './trade.entity.js';

export {
  AuditOutboxEntity,
  AuditRecordEntity,
  AlgoOrderEntity,
  AlgoSliceEntity,
  BookFlowEntity,
  BrokerAssetEntity,
  BrokerPositionEntity,
  DeadLetterEntity,
  OrderEntity,
  OrderEventEntity,
  TradeEntity,
};
export const ENTITIES = [
  OrderEntity,
  OrderEventEntity,
  TradeEntity,
  DeadLetterEntity,
  BrokerPositionEntity,
  BrokerAssetEntity,
  BookFlowEntity,
  AuditRecordEntity,
  AuditOutboxEntity,
  AlgoOrderEntity,
  AlgoSliceEntity,
];
export type { StoredSchedule, StoredScheduleBucket } from './algo-order.entity.js';
