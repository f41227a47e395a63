import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintNumber } from './transformers.js';

/** The broker's latest position per account and symbol (POSITION events). */
@Entity({ name: 'broker_positions' })
export class BrokerPositionEntity {
  @PrimaryColumn({
    name: 'account_id',
    type: 'varchar',
    length: 48,
    primaryKeyConstraintName: 'pk_broker_positions',
  })
  accountId!: string;

  @PrimaryColumn({
    name: 'symbol',
    type: 'varchar',
    length: 32,
    primaryKeyConstraintName: 'pk_broker_positions',
  })
  symbol!: string;

  @Column({ name: 'volume', type: 'bigint', transformer: bigintNumber })
  volume!: number;

  @Column({ name: 'sellable_volume', type: 'bigint', transformer: bigintNumber })
  sellableVolume!: number;

  @Column({ name: 'frozen_volume', type: 'bigint', transformer: bigintNumber })
  frozenVolume!: number;

  @Column({ name: 'yesterday_volume', type: 'bigint', transformer: bigintNumber })
  yesterdayVolume!: number;

  @Column({ name: 'avg_price', type: 'bigint', transformer: bigintNumber })
  avgPrice!: number;

  @Column({ name: 'market_value', type: 'numeric', precision: 30, scale: 0 })
  marketValue!: string;

  @Column({ name: 'as_of', type: 'timestamptz' })
  asOf!: Date;

  /** Log position of the event this row came from: an older event never overwrites it. */
  @Column({ name: 'event_seq', type: 'bigint' })
  eventSeq!: string;
}

/** The broker's latest asset per account (ASSET events), money in 0.0001 CNY. */
@Entity({ name: 'broker_assets' })
export class BrokerAssetEntity {
  @PrimaryColumn({
    name: 'account_id',
    type: 'varchar',
    length: 48,
    primaryKeyConstraintName: 'pk_broker_assets',
  })
  accountId!: string;

  @Column({ name: 'cash', type: 'numeric', precision: 30, scale: 0 })
  cash!: string;

  @Column({ name: 'frozen_cash', type: 'numeric', precision: 30, scale: 0 })
  frozenCash!: string;

  @Column({ name: 'market_value', type: 'numeric', precision: 30, scale: 0 })
  marketValue!: string;

  @Column({ name: 'total_asset', type: 'numeric', precision: 30, scale: 0 })
  totalAsset!: string;

  @Column({ name: 'as_of', type: 'timestamptz' })
  asOf!: Date;

  @Column({ name: 'event_seq', type: 'bigint' })
  eventSeq!: string;
}

/** What one strategy book bought and sold of a symbol in an account on one trading day. */
@Entity({ name: 'book_flows' })
export class BookFlowEntity {
  @PrimaryColumn({
    name: 'account_id',
    type: 'varchar',
    length: 48,
    primaryKeyConstraintName: 'pk_book_flows',
  })
  accountId!: string;

  @PrimaryColumn({
    name: 'strategy_id',
    type: 'varchar',
    length: 48,
    primaryKeyConstraintName: 'pk_book_flows',
  })
  strategyId!: string;

  @PrimaryColumn({
    name: 'symbol',
    type: 'varchar',
    length: 32,
    primaryKeyConstraintName: 'pk_book_flows',
  })
  symbol!: string;

  @PrimaryColumn({ name: 'trading_day', type: 'date', primaryKeyConstraintName: 'pk_book_flows' })
  tradingDay!: string;

  @Column({ name: 'bought', type: 'bigint', default: 0, transformer: bigintNumber })
  bought!: number;

  @Column({ name: 'sold', type: 'bigint', default: 0, transformer: bigintNumber })
  sold!: number;

  @Column({ name: 'buy_amount', type: 'numeric', precision: 30, scale: 0, default: 0 })
  buyAmount!: string;

  @Column({ name: 'sell_amount', type: 'numeric', precision: 30, scale: 0, default: 0 })
  sellAmount!: string;

  @Column({ name: 'commission', type: 'numeric', precision: 30, scale: 0, default: 0 })
  commission!: string;
}
