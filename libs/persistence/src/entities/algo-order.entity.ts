import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintNumber } from './transformers.js';

/** A bucket of a stored schedule, times as ISO strings (jsonb). */
export interface StoredScheduleBucket {
  readonly start: string;
  readonly end: string;
  readonly weight: number;
  readonly cumulativeTarget: number;
}

/** The resolved window and schedule, as the runtime built them at arm time. */
export interface StoredSchedule {
  readonly segments: readonly { readonly start: string; readonly end: string }[];
  readonly tradingSeconds: number;
  readonly buckets: readonly StoredScheduleBucket[];
}

/** An algo parent: parameters, window, schedule, the desk's control and the runtime's progress. */
@Entity({ name: 'algo_orders' })
@Index('ix_algo_orders_unfinished', ['tradingDay'], { where: '"finished_at" IS NULL' })
export class AlgoOrderEntity {
  @PrimaryColumn({
    name: 'parent_id',
    type: 'varchar',
    length: 32,
    primaryKeyConstraintName: 'pk_algo_orders',
  })
  parentId!: string;

  @Column({ name: 'account_id', type: 'varchar', length: 48 })
  accountId!: string;

  @Column({ name: 'strategy_id', type: 'varchar', length: 48 })
  strategyId!: string;

  @Column({ name: 'symbol', type: 'varchar', length: 32 })
  symbol!: string;

  @Column({ name: 'side', type: 'varchar', length: 4 })
  side!: string;

  @Column({ name: 'quantity', type: 'bigint', transformer: bigintNumber })
  quantity!: number;

  @Column({ name: 'algo_type', type: 'varchar', length: 8 })
  algoType!: string;

  @Column({ name: 'urgency', type: 'varchar', length: 16 })
  urgency!: string;

  @Column({ name: 'max_participation', type: 'double precision', nullable: true })
  maxParticipation!: number | null;

  @Column({ name: 'limit_price', type: 'bigint', nullable: true, transformer: bigintNumber })
  limitPrice!: number | null;

  @Column({ name: 'trading_day', type: 'date' })
  tradingDay!: string;

  @Column({ name: 'start_at', type: 'timestamptz' })
  startAt!: Date;

  @Column({ name: 'end_at', type: 'timestamptz' })
  endAt!: Date;

  @Column({ name: 'bucket_seconds', type: 'integer' })
  bucketSeconds!: number;

  @Column({ name: 'profile_source', type: 'varchar', length: 24, nullable: true })
  profileSource!: string | null;

  @Column({ name: 'schedule', type: 'jsonb', nullable: true })
  schedule!: StoredSchedule | null;

  @Column({ name: 'control', type: 'varchar', length: 20, default: 'RUNNING' })
  control!: string;

  @Column({ name: 'state', type: 'varchar', length: 16, default: 'SCHEDULED' })
  state!: string;

  @Column({ name: 'next_bucket', type: 'integer', default: 0 })
  nextBucket!: number;

  @Column({ name: 'armed_at', type: 'timestamptz', nullable: true })
  armedAt!: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** One planned slice of a parent: what was asked, what was sent, and the market it saw. */
@Entity({ name: 'algo_slices' })
export class AlgoSliceEntity {
  @PrimaryColumn({
    name: 'parent_id',
    type: 'varchar',
    length: 32,
    primaryKeyConstraintName: 'pk_algo_slices',
  })
  parentId!: string;

  @PrimaryColumn({
    name: 'bucket_index',
    type: 'integer',
    primaryKeyConstraintName: 'pk_algo_slices',
  })
  bucketIndex!: number;

  @Column({ name: 'bucket_start', type: 'timestamptz' })
  bucketStart!: Date;

  @Column({ name: 'bucket_end', type: 'timestamptz' })
  bucketEnd!: Date;

  @Column({ name: 'child_order_id', type: 'varchar', length: 32, nullable: true })
  childOrderId!: string | null;

  @Column({ name: 'quantity', type: 'bigint', transformer: bigintNumber })
  quantity!: number;

  @Column({ name: 'target_quantity', type: 'bigint', transformer: bigintNumber })
  targetQuantity!: number;

  @Column({ name: 'wanted_quantity', type: 'bigint', transformer: bigintNumber })
  wantedQuantity!: number;

  @Column({ name: 'participation_cap', type: 'bigint', nullable: true, transformer: bigintNumber })
  participationCap!: number | null;

  @Column({ name: 'limited_by', type: 'varchar', length: 16 })
  limitedBy!: string;

  @Column({ name: 'price', type: 'bigint', nullable: true, transformer: bigintNumber })
  price!: number | null;

  @Column({ name: 'price_basis', type: 'varchar', length: 16, nullable: true })
  priceBasis!: string | null;

  @Column({ name: 'skipped', type: 'varchar', length: 32, nullable: true })
  skipped!: string | null;

  @Column({ name: 'market_volume', type: 'bigint', nullable: true, transformer: bigintNumber })
  marketVolume!: number | null;

  @Column({ name: 'market_notional', type: 'numeric', precision: 30, scale: 0, nullable: true })
  marketNotional!: string | null;

  @Column({ name: 'planned_at', type: 'timestamptz' })
  plannedAt!: Date;
}
