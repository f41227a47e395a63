import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { bigintNumber } from './transformers.js';

/** One fill; unique per account and broker traded_id so duplicated pushes count once. */
@Entity({ name: 'trades' })
@Index('uq_trades_account_trade', ['accountId', 'tradeId'], { unique: true })
@Index('ix_trades_order', ['orderId'])
export class TradeEntity {
  @PrimaryGeneratedColumn({ name: 'seq', type: 'bigint', primaryKeyConstraintName: 'pk_trades' })
  seq!: string;

  @Column({ name: 'account_id', type: 'varchar', length: 48 })
  accountId!: string;

  @Column({ name: 'trade_id', type: 'varchar', length: 64 })
  tradeId!: string;

  @Column({ name: 'order_id', type: 'varchar', length: 32, nullable: true })
  orderId!: string | null;

  @Column({ name: 'strategy_id', type: 'varchar', length: 48, nullable: true })
  strategyId!: string | null;

  @Column({ name: 'symbol', type: 'varchar', length: 32 })
  symbol!: string;

  @Column({ name: 'side', type: 'varchar', length: 4, nullable: true })
  side!: string | null;

  @Column({ name: 'quantity', type: 'bigint', transformer: bigintNumber })
  quantity!: number;

  @Column({ name: 'price', type: 'bigint', transformer: bigintNumber })
  price!: number;

  @Column({ name: 'amount', type: 'numeric', precision: 30, scale: 0 })
  amount!: string;

  @Column({ name: 'commission', type: 'numeric', precision: 30, scale: 0 })
  commission!: string;

  @Column({ name: 'traded_at', type: 'timestamptz' })
  tradedAt!: Date;
}
