import { DeadLetterEntity } from './dead-letter.entity.js';
import { OrderEventEntity } from './order-event.entity.js';
import { OrderEntity } from './order.entity.js';
import { TradeEntity } from './trade.entity.js';

export { DeadLetterEntity, OrderEntity, OrderEventEntity, TradeEntity };
export const ENTITIES = [OrderEntity, OrderEventEntity, TradeEntity, DeadLetterEntity];
