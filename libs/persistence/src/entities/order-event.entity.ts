import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Append-only log of every lifecycle event, gateway-made or broker-reported; partitioned by
 * trading day (migration 1764600000000): an order's events in its creation day's partition, where
 * their ids are unique.
 */
@Entity({ name: 'order_events' })
@Index('ix_order_events_order', ['orderId', 'seq'])
@Index('uq_order_events_event', ['eventId', 'tradingDay'], { unique: true })
export class OrderEventEntity {
  @PrimaryGeneratedColumn({
    name: 'seq',
    type: 'bigint',
    primaryKeyConstraintName: 'pk_order_events',
  })
  seq!: string;

  /** 'YYYY-MM-DD' in Asia/Shanghai, the partition key: the order's creation day, else event_ts's. */
  @PrimaryColumn({ name: 'trading_day', type: 'date', primaryKeyConstraintName: 'pk_order_events' })
  tradingDay!: string;

  @Column({ name: 'event_id', type: 'varchar', length: 200 })
  eventId!: string;

  @Column({ name: 'order_id', type: 'varchar', length: 32, nullable: true })
  orderId!: string | null;

  @Column({ name: 'account_id', type: 'varchar', length: 48 })
  accountId!: string;

  @Column({ name: 'type', type: 'varchar', length: 32 })
  type!: string;

  @Column({ name: 'source', type: 'varchar', length: 64 })
  source!: string;

  /** Outcome of applying the event to the order: applied, ignored:<reason>, illegal, no-order. */
  @Column({ name: 'outcome', type: 'varchar', length: 48 })
  outcome!: string;

  @Column({ name: 'state_after', type: 'varchar', length: 32, nullable: true })
  stateAfter!: string | null;

  @Column({ name: 'payload', type: 'jsonb' })
  payload!: Record<string, unknown>;

  @Column({ name: 'event_ts', type: 'timestamptz' })
  eventTs!: Date;

  @Column({ name: 'recorded_at', type: 'timestamptz', default: () => 'now()' })
  recordedAt!: Date;

  /**
   * The appending transaction's id: the update stream's order (docs/update-stream.md). The
   * migration's default is pg_current_xact_id()::text::bigint; TypeORM compares defaults with
   * their casts stripped, hence the form below.
   */
  @PrimaryColumn({
    name: 'tx_id',
    type: 'bigint',
    default: () => '((pg_current_xact_id()))',
    primaryKeyConstraintName: 'pk_order_events',
  })
  txId!: string;
}
