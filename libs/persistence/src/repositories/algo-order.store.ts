import {
  asMoney,
  asPrice,
  parseSecurityCode,
  scheduleFromJson,
  type AlgoParent,
  type ChildOrder,
  type ChildFill,
  type MarketInterval,
  type ProfileSource,
  type Schedule,
} from '@qmt/domain';
import type { DataSource, EntityManager } from 'typeorm';
import {
  AlgoOrderEntity,
  AlgoSliceEntity,
  type StoredSchedule,
} from '../entities/algo-order.entity.js';
import { OrderEntity } from '../entities/order.entity.js';
import { recordOfEntity, type OrderRecord } from './order-records.js';

/** What the OMS stores for a new parent beside its order row. */
export interface NewAlgoOrder {
  readonly parentId: string;
  readonly accountId: string;
  readonly strategyId: string;
  readonly symbol: string;
  readonly side: 'BUY' | 'SELL';
  readonly quantity: number;
  readonly algoType: 'VWAP' | 'TWAP';
  readonly urgency: 'PASSIVE' | 'NEUTRAL' | 'AGGRESSIVE';
  readonly maxParticipation: number | null;
  /** 0.0001 CNY units. */
  readonly limitPrice: number | null;
  readonly tradingDay: string;
  readonly startAt: Date;
  readonly endAt: Date;
  readonly bucketSeconds: number;
  readonly createdAt: Date;
}

export type AlgoControl = 'RUNNING' | 'PAUSED' | 'CANCEL_REQUESTED';

export interface AlgoOrderRecord extends NewAlgoOrder {
  readonly profileSource: string | null;
  /** Null until the runtime armed the parent. */
  readonly schedule: StoredSchedule | null;
  readonly control: AlgoControl;
  /** The last ParentState the runtime derived. */
  readonly state: string;
  /** The next bucket the runtime will plan; = bucket count once the window is over. */
  readonly nextBucket: number;
  readonly armedAt: Date | null;
  readonly finishedAt: Date | null;
  readonly updatedAt: Date;
}

export interface AlgoSliceRecord {
  readonly parentId: string;
  readonly bucketIndex: number;
  readonly bucketStart: Date;
  readonly bucketEnd: Date;
  readonly childOrderId: string | null;
  readonly quantity: number;
  readonly targetQuantity: number;
  readonly wantedQuantity: number;
  readonly participationCap: number | null;
  readonly limitedBy: string;
  readonly price: number | null;
  readonly priceBasis: string | null;
  /** Why nothing was sent although the plan asked (PAUSED, NO_PRICE, a risk rule), else null. */
  readonly skipped: string | null;
  /** Market volume (shares) and notional (0.0001 CNY) seen over the bucket, once it ended. */
  readonly marketVolume: number | null;
  readonly marketNotional: bigint | null;
  readonly plannedAt: Date;
}

export interface ChildFillRecord {
  readonly childOrderId: string;
  readonly tradedAt: Date;
  readonly quantity: number;
  /** 0.0001 CNY units. */
  readonly price: number;
}

function recordOf(row: AlgoOrderEntity): AlgoOrderRecord {
  return {
    parentId: row.parentId,
    accountId: row.accountId,
    strategyId: row.strategyId,
    symbol: row.symbol,
    side: row.side as 'BUY' | 'SELL',
    quantity: row.quantity,
    algoType: row.algoType as 'VWAP' | 'TWAP',
    urgency: row.urgency as AlgoOrderRecord['urgency'],
    maxParticipation: row.maxParticipation,
    limitPrice: row.limitPrice,
    tradingDay: row.tradingDay,
    startAt: row.startAt,
    endAt: row.endAt,
    bucketSeconds: row.bucketSeconds,
    createdAt: row.createdAt,
    profileSource: row.profileSource,
    schedule: row.schedule,
    control: row.control as AlgoControl,
    state: row.state,
    nextBucket: row.nextBucket,
    armedAt: row.armedAt,
    finishedAt: row.finishedAt,
    updatedAt: row.updatedAt,
  };
}

function sliceOf(row: AlgoSliceEntity): AlgoSliceRecord {
  return {
    parentId: row.parentId,
    bucketIndex: row.bucketIndex,
    bucketStart: row.bucketStart,
    bucketEnd: row.bucketEnd,
    childOrderId: row.childOrderId,
    quantity: row.quantity,
    targetQuantity: row.targetQuantity,
    wantedQuantity: row.wantedQuantity,
    participationCap: row.participationCap,
    limitedBy: row.limitedBy,
    price: row.price,
    priceBasis: row.priceBasis,
    skipped: row.skipped,
    marketVolume: row.marketVolume,
    marketNotional: row.marketNotional === null ? null : BigInt(row.marketNotional),
    plannedAt: row.plannedAt,
  };
}

/** Algo parents and their slices (the risk service's algo runtime and the OMS's order detail). */
export class AlgoOrderStore {
  constructor(private readonly dataSource: DataSource) {}

  /** Writes the parent's parameters inside the transaction that creates its order row. */
  static async insertWith(manager: EntityManager, algo: NewAlgoOrder): Promise<void> {
    await manager.getRepository(AlgoOrderEntity).insert({
      ...algo,
      profileSource: null,
      schedule: null,
      control: 'RUNNING',
      state: 'SCHEDULED',
      nextBucket: 0,
      armedAt: null,
      finishedAt: null,
      updatedAt: algo.createdAt,
    });
  }

  async get(parentId: string): Promise<AlgoOrderRecord | null> {
    const row = await this.dataSource.getRepository(AlgoOrderEntity).findOneBy({ parentId });
    return row === null ? null : recordOf(row);
  }

  /** Parents the runtime has not finished, oldest first (re-armed at start). */
  async unfinished(): Promise<AlgoOrderRecord[]> {
    const rows = await this.dataSource
      .getRepository(AlgoOrderEntity)
      .createQueryBuilder('a')
      .where('a.finished_at IS NULL')
      .orderBy('a.created_at', 'ASC')
      .getMany();
    return rows.map(recordOf);
  }

  /** Stores the schedule once: a second arm keeps the first (the one the slices followed). */
  async saveSchedule(
    parentId: string,
    schedule: StoredSchedule,
    profileSource: string,
    now: Date,
  ): Promise<AlgoOrderRecord> {
    await this.dataSource
      .createQueryBuilder()
      .update(AlgoOrderEntity)
      .set({ schedule, profileSource, armedAt: now, updatedAt: now })
      .where('parent_id = :parentId AND schedule IS NULL', { parentId })
      .execute();
    return this.getOrThrow(parentId);
  }

  /** Records what the desk asked; a cancel is final and wins over a later pause or resume. */
  async setControl(parentId: string, control: AlgoControl, now: Date): Promise<AlgoOrderRecord> {
    await this.dataSource
      .createQueryBuilder()
      .update(AlgoOrderEntity)
      .set({ control, updatedAt: now })
      .where("parent_id = :parentId AND control <> 'CANCEL_REQUESTED' AND finished_at IS NULL", {
        parentId,
      })
      .execute();
    return this.getOrThrow(parentId);
  }

  /** Moves the runtime's cursor forward only, so a replayed job cannot take it back. */
  async advance(parentId: string, nextBucket: number, state: string, now: Date): Promise<void> {
    await this.dataSource
      .createQueryBuilder()
      .update(AlgoOrderEntity)
      .set({
        nextBucket: () => `GREATEST(next_bucket, ${Math.trunc(nextBucket)})`,
        state,
        updatedAt: now,
      })
      .where('parent_id = :parentId', { parentId })
      .execute();
  }

  async finish(parentId: string, state: string, now: Date): Promise<AlgoOrderRecord> {
    await this.dataSource
      .createQueryBuilder()
      .update(AlgoOrderEntity)
      .set({ state, finishedAt: now, updatedAt: now })
      .where('parent_id = :parentId AND finished_at IS NULL', { parentId })
      .execute();
    return this.getOrThrow(parentId);
  }

  /**
   * Records a slice once: true when this call wrote it, false when the bucket was already
   * planned (a replayed job), whose record is then the one to follow.
   */
  async insertSlice(
    slice: Omit<AlgoSliceRecord, 'marketVolume' | 'marketNotional'>,
  ): Promise<boolean> {
    const result = await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(AlgoSliceEntity)
      .values({ ...slice, marketVolume: null, marketNotional: null })
      .orIgnore()
      .returning(['parent_id'])
      .execute();
    return result.raw instanceof Array && result.raw.length > 0;
  }

  /** Links the child created for a slice (its id is known only once the order row exists). */
  async setSliceChild(parentId: string, bucketIndex: number, childOrderId: string): Promise<void> {
    await this.dataSource
      .getRepository(AlgoSliceEntity)
      .update({ parentId, bucketIndex }, { childOrderId });
  }

  async setSliceSkipped(parentId: string, bucketIndex: number, skipped: string): Promise<void> {
    await this.dataSource
      .getRepository(AlgoSliceEntity)
      .update({ parentId, bucketIndex }, { skipped });
  }

  /** The market a bucket saw, written once the bucket ended. */
  async recordMarket(
    parentId: string,
    bucketIndex: number,
    volume: number,
    notional: bigint,
  ): Promise<void> {
    await this.dataSource
      .getRepository(AlgoSliceEntity)
      .update(
        { parentId, bucketIndex },
        { marketVolume: volume, marketNotional: notional.toString() },
      );
  }

  async slice(parentId: string, bucketIndex: number): Promise<AlgoSliceRecord | null> {
    const row = await this.dataSource
      .getRepository(AlgoSliceEntity)
      .findOneBy({ parentId, bucketIndex });
    return row === null ? null : sliceOf(row);
  }

  async slices(parentId: string): Promise<AlgoSliceRecord[]> {
    const rows = await this.dataSource
      .getRepository(AlgoSliceEntity)
      .find({ where: { parentId }, order: { bucketIndex: 'ASC' } });
    return rows.map(sliceOf);
  }

  /** The parent's child orders, oldest first. */
  async children(parentId: string): Promise<OrderRecord[]> {
    const rows = await this.dataSource
      .getRepository(OrderEntity)
      .find({ where: { parentId }, order: { createdAt: 'ASC', orderId: 'ASC' } });
    return rows.map(recordOfEntity);
  }

  /** Every fill of the parent's children, in time order. */
  async childFills(parentId: string): Promise<ChildFillRecord[]> {
    const rows: { order_id: string; traded_at: Date; quantity: string; price: string }[] =
      await this.dataSource.query(
        `SELECT t.order_id, t.traded_at, t.quantity::text AS quantity, t.price::text AS price
           FROM trades t JOIN orders o ON o.order_id = t.order_id
          WHERE o.parent_id = $1
          ORDER BY t.traded_at, t.seq`,
        [parentId],
      );
    return rows.map((r) => ({
      childOrderId: r.order_id,
      tradedAt: new Date(r.traded_at),
      quantity: Number(r.quantity),
      price: Number(r.price),
    }));
  }

  private async getOrThrow(parentId: string): Promise<AlgoOrderRecord> {
    const record = await this.get(parentId);
    if (record === null) {
      throw new Error(`algo parent ${parentId} is not stored`);
    }
    return record;
  }
}

/** The parent as the schedule functions read it; null while its security code is unreadable. */
export function algoParentOf(record: AlgoOrderRecord): AlgoParent | null {
  const parsed = parseSecurityCode(record.symbol);
  if (!parsed.ok) {
    return null;
  }
  return {
    type: record.algoType,
    side: record.side,
    quantity: record.quantity,
    security: parsed.security,
    urgency: record.urgency,
    maxParticipation: record.maxParticipation,
    limitPrice: record.limitPrice === null ? null : asPrice(record.limitPrice),
  };
}

/** The stored schedule as the domain's Schedule; null before the runtime armed the parent. */
export function scheduleOfAlgoRecord(record: AlgoOrderRecord): Schedule | null {
  const parent = algoParentOf(record);
  if (record.schedule === null || parent === null) {
    return null;
  }
  return scheduleFromJson(
    parent,
    record.schedule,
    record.tradingDay,
    record.bucketSeconds,
    (record.profileSource ?? 'DEFAULT_U_SHAPE') as ProfileSource,
  );
}

/** A child order as parentProgress reads it. */
export function childOrderOf(order: OrderRecord): ChildOrder {
  return {
    state: order.view.state,
    quantity: order.quantity,
    filledQuantity: order.view.filledQuantity,
    avgFillPrice: order.view.avgFillPrice,
  };
}

/** The market each ended bucket saw, as executionQuality reads it. */
export function marketOfSlices(slices: readonly AlgoSliceRecord[]): MarketInterval[] {
  return slices.flatMap((s) =>
    s.marketVolume === null || s.marketNotional === null
      ? []
      : [
          {
            start: s.bucketStart,
            end: s.bucketEnd,
            volume: s.marketVolume,
            notional: asMoney(s.marketNotional),
          },
        ],
  );
}

export function fillsOf(fills: readonly ChildFillRecord[]): ChildFill[] {
  return fills.map((f) => ({ time: f.tradedAt, quantity: f.quantity, price: asPrice(f.price) }));
}
