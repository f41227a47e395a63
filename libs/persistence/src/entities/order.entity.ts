import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintNumber } from './transformers.js';

/** The order projection: derived from order_events by the domain state machine. */
@Entity({ name: 'orders' })
@Index('uq_orders_strategy_client_order', ['strategyId', 'clientOrderId'], { unique: true })
@Index('ix_orders_account_created', ['accountId', 'createdAt'])
@Index('ix_orders_created', ['createdAt'])
@Index('ix_orders_parent', ['parentId', 'createdAt'], { where: '"parent_id" IS NOT NULL' })
export class OrderEntity {
  @PrimaryColumn({
    name: 'order_id',
    type: 'varchar',
    length: 32,
    primaryKeyConstraintName: 'pk_orders',
  })
  orderId!: string;

  @Column({ name: 'client_order_id', type: 'varchar', length: 64 })
  clientOrderId!: string;

  @Column({ name: 'request_hash', type: 'varchar', length: 64 })
  requestHash!: string;

  @Column({ name: 'account_id', type: 'varchar', length: 48 })
  accountId!: string;

  @Column({ name: 'strategy_id', type: 'varchar', length: 48 })
  strategyId!: string;

  @Column({ name: 'symbol', type: 'varchar', length: 32 })
  symbol!: string;

  @Column({ name: 'side', type: 'varchar', length: 4, nullable: true })
  side!: string | null;

  @Column({ name: 'order_type', type: 'integer' })
  orderType!: number;

  @Column({ name: 'price_type', type: 'integer' })
  priceType!: number;

  @Column({ name: 'price', type: 'bigint', nullable: true, transformer: bigintNumber })
  price!: number | null;

  @Column({ name: 'quantity', type: 'bigint', transformer: bigintNumber })
  quantity!: number;

  @Column({ name: 'filled_quantity', type: 'bigint', default: 0, transformer: bigintNumber })
  filledQuantity!: number;

  @Column({ name: 'traded_from_trades', type: 'bigint', default: 0, transformer: bigintNumber })
  tradedFromTrades!: number;

  @Column({ name: 'reported_filled', type: 'bigint', default: 0, transformer: bigintNumber })
  reportedFilled!: number;

  @Column({ name: 'fill_notional', type: 'numeric', precision: 30, scale: 0, default: 0 })
  fillNotional!: string;

  @Column({ name: 'reported_avg_price', type: 'bigint', default: 0, transformer: bigintNumber })
  reportedAvgPrice!: number;

  @Column({ name: 'avg_fill_price', type: 'bigint', nullable: true, transformer: bigintNumber })
  avgFillPrice!: number | null;

  @Column({ name: 'status', type: 'varchar', length: 32 })
  status!: string;

  @Column({ name: 'xt_status', type: 'integer', nullable: true })
  xtStatus!: number | null;

  @Column({ name: 'broker_order_id', type: 'bigint', nullable: true, transformer: bigintNumber })
  brokerOrderId!: number | null;

  @Column({ name: 'broker_sys_id', type: 'varchar', length: 64, nullable: true })
  brokerSysId!: string | null;

  @Column({ name: 'trade_ids', type: 'text', array: true, default: () => "'{}'" })
  tradeIds!: string[];

  @Column({ name: 'status_message', type: 'text', default: '' })
  statusMessage!: string;

  @Column({ name: 'parent_id', type: 'varchar', length: 32, nullable: true })
  parentId!: string | null;

  @Column({ name: 'rejection', type: 'jsonb', nullable: true })
  rejection!: { rule: string; message: string; details: Record<string, unknown> } | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
