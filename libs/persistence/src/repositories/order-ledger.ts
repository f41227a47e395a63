import type { OrderView } from '@qmt/domain';
import type { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import { OrderEventEntity } from '../entities/order-event.entity.js';
import { OrderEntity } from '../entities/order.entity.js';
import { TradeEntity } from '../entities/trade.entity.js';
import { recordOfEntity, writeView, type OrderRecord, type TradeRecord } from './order-records.js';

/** Advisory lock key that orders appends to order_events (any 64-bit constant of our own). */
export const EVENT_LOG_LOCK = 7_310_043;

export interface NewOrderEvent {
  readonly eventId: string;
  readonly orderId: string | null;
  readonly accountId: string;
  readonly type: string;
  readonly source: string;
  readonly payload: Readonly<Record<string, unknown>>;
  readonly ts: Date;
}

/**
 * The writes of one transaction on the order tables. The OMS decides what to write (with the
 * domain state machine); the ledger only maps it to rows. Obtained from OrderStore.transaction.
 */
export class OrderLedger {
  private ordered = false;

  constructor(private readonly manager: EntityManager) {}

  /**
   * Appends an event; false when its event id was already stored (a duplicate or replay).
   * The first append of a transaction takes the event-log lock, so `seq` values become visible
   * in commit order and the update stream can tail by seq without skipping a late commit
   * (docs/update-stream.md).
   */
  async appendEvent(event: NewOrderEvent, outcome = 'pending'): Promise<boolean> {
    if (!this.ordered) {
      await this.manager.query('SELECT pg_advisory_xact_lock($1)', [EVENT_LOG_LOCK]);
      this.ordered = true;
    }
    const row: Partial<OrderEventEntity> = {
      eventId: event.eventId,
      orderId: event.orderId,
      accountId: event.accountId,
      type: event.type,
      source: event.source,
      outcome,
      stateAfter: null,
      payload: { ...event.payload },
      eventTs: event.ts,
    };
    const result = await this.manager
      .createQueryBuilder()
      .insert()
      .into(OrderEventEntity)
      .values(row as QueryDeepPartialEntity<OrderEventEntity>)
      .orIgnore()
      .returning(['seq'])
      .execute();
    return result.raw instanceof Array && result.raw.length === 1;
  }

  async setEventOutcome(
    eventId: string,
    outcome: string,
    stateAfter: string | null,
  ): Promise<void> {
    await this.manager.update(OrderEventEntity, { eventId }, { outcome, stateAfter });
  }

  /** Reads and locks an order row until the transaction ends. */
  async lockOrder(orderId: string): Promise<OrderRecord | null> {
    const row = await this.manager
      .getRepository(OrderEntity)
      .createQueryBuilder('o')
      .setLock('pessimistic_write')
      .where('o.order_id = :orderId', { orderId })
      .getOne();
    return row === null ? null : recordOfEntity(row);
  }

  async saveView(
    orderId: string,
    view: OrderView,
    updatedAt: Date,
    rejectionDetails?: Record<string, unknown>,
  ): Promise<void> {
    const repository = this.manager.getRepository(OrderEntity);
    const row = await repository.findOneByOrFail({ orderId });
    writeView(row, view, rejectionDetails);
    row.updatedAt = updatedAt;
    await repository.save(row);
  }

  /** Stores a fill once per account and traded id; false for a duplicate. */
  async insertTrade(trade: TradeRecord): Promise<boolean> {
    const result = await this.manager
      .createQueryBuilder()
      .insert()
      .into(TradeEntity)
      .values({
        accountId: trade.accountId,
        tradeId: trade.tradeId,
        orderId: trade.orderId,
        strategyId: trade.strategyId,
        symbol: trade.symbol,
        side: trade.side,
        quantity: trade.quantity,
        price: trade.price,
        amount: trade.amount.toString(),
        commission: trade.commission.toString(),
        tradedAt: trade.tradedAt,
      })
      .orIgnore()
      .returning(['seq'])
      .execute();
    return result.raw instanceof Array && result.raw.length === 1;
  }
}
