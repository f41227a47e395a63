import type { DataSource } from 'typeorm';
import { OrderEntity } from '../entities/order.entity.js';
import { BrokerAssetEntity, BrokerPositionEntity } from '../entities/projection.entities.js';
import { TradeEntity } from '../entities/trade.entity.js';
import {
  recordOfEntity,
  tradeRecordOf,
  type OrderRecord,
  type TradeRecord,
} from './order-records.js';

export interface ListFilter {
  readonly accountId?: string;
  readonly strategyId?: string;
  readonly symbol?: string;
  readonly from?: Date;
  readonly to?: Date;
}

export interface OrderFilter extends ListFilter {
  readonly status?: string;
  readonly parentId?: string;
}

/** Keyset position: the last row of the previous page (newest first). */
export interface PageCursor {
  readonly at: Date;
  readonly id: string;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly next: PageCursor | null;
}

export interface BookFlow {
  readonly accountId: string;
  readonly strategyId: string;
  readonly symbol: string;
  readonly bought: number;
  readonly sold: number;
}

/** A place in the event log's read order: the appending transaction, then the row's seq. */
export interface LogPosition {
  readonly txId: number;
  readonly seq: number;
}

export const LOG_START: LogPosition = { txId: 0, seq: 0 };

/** The oldest transaction still running: rows at or above it may still gain company below. */
const HORIZON = 'pg_snapshot_xmin(pg_current_snapshot())::text::bigint';

export interface StreamRow {
  readonly position: LogPosition;
  readonly eventId: string;
  readonly orderId: string | null;
  readonly accountId: string;
  readonly type: string;
  readonly stateAfter: string | null;
  readonly payload: Readonly<Record<string, unknown>>;
  readonly ts: Date;
  readonly strategyId: string | null;
}

/** Blotter queries, newest first, with keyset paging (stable under concurrent inserts). */
export class OrderQueries {
  constructor(private readonly dataSource: DataSource) {}

  async listOrders(
    filter: OrderFilter,
    limit: number,
    after: PageCursor | null,
  ): Promise<Page<OrderRecord>> {
    const query = this.dataSource.getRepository(OrderEntity).createQueryBuilder('o');
    if (filter.accountId !== undefined) {
      query.andWhere('o.account_id = :accountId', { accountId: filter.accountId });
    }
    if (filter.strategyId !== undefined) {
      query.andWhere('o.strategy_id = :strategyId', { strategyId: filter.strategyId });
    }
    if (filter.symbol !== undefined) {
      query.andWhere('o.symbol = :symbol', { symbol: filter.symbol });
    }
    if (filter.status !== undefined) {
      query.andWhere('o.status = :status', { status: filter.status });
    }
    if (filter.parentId !== undefined) {
      query.andWhere('o.parent_id = :parentId', { parentId: filter.parentId });
    }
    if (filter.from !== undefined) {
      query.andWhere('o.created_at >= :from', { from: filter.from });
    }
    if (filter.to !== undefined) {
      query.andWhere('o.created_at < :to', { to: filter.to });
    }
    if (after !== null) {
      query.andWhere('(o.created_at, o.order_id) < (:afterAt, :afterId)', {
        afterAt: after.at,
        afterId: after.id,
      });
    }
    const rows = await query
      .orderBy('o.created_at', 'DESC')
      .addOrderBy('o.order_id', 'DESC')
      .limit(limit + 1)
      .getMany();
    const items = rows.slice(0, limit).map(recordOfEntity);
    const last = items.at(-1);
    return {
      items,
      next:
        rows.length > limit && last !== undefined ? { at: last.createdAt, id: last.orderId } : null,
    };
  }

  async listTrades(
    filter: ListFilter,
    limit: number,
    after: PageCursor | null,
  ): Promise<Page<TradeRecord>> {
    const query = this.dataSource.getRepository(TradeEntity).createQueryBuilder('t');
    if (filter.accountId !== undefined) {
      query.andWhere('t.account_id = :accountId', { accountId: filter.accountId });
    }
    if (filter.strategyId !== undefined) {
      query.andWhere('t.strategy_id = :strategyId', { strategyId: filter.strategyId });
    }
    if (filter.symbol !== undefined) {
      query.andWhere('t.symbol = :symbol', { symbol: filter.symbol });
    }
    if (filter.from !== undefined) {
      query.andWhere('t.traded_at >= :from', { from: filter.from });
    }
    if (filter.to !== undefined) {
      query.andWhere('t.traded_at < :to', { to: filter.to });
    }
    if (after !== null) {
      query.andWhere('(t.traded_at, t.seq) < (:afterAt, :afterId)', {
        afterAt: after.at,
        afterId: after.id,
      });
    }
    const rows = await query
      .orderBy('t.traded_at', 'DESC')
      .addOrderBy('t.seq', 'DESC')
      .limit(limit + 1)
      .getMany();
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map(tradeRecordOf),
      next: rows.length > limit && last !== undefined ? { at: last.tradedAt, id: last.seq } : null,
    };
  }

  /**
   * Events after a position of the log, in log order, with the owning strategy of their order.
   * Only rows of finished transactions are read, in (tx_id, seq) order: every transaction still
   * running has an id at or above the oldest running one (the snapshot's xmin), so no row can
   * later appear before what was read, and appends need no lock (docs/update-stream.md).
   */
  async eventsAfter(position: LogPosition, limit: number): Promise<StreamRow[]> {
    const rows: {
      tx_id: string;
      seq: string;
      event_id: string;
      order_id: string | null;
      account_id: string;
      type: string;
      state_after: string | null;
      payload: Record<string, unknown>;
      event_ts: Date;
      strategy_id: string | null;
    }[] = await this.dataSource.query(
      `SELECT e.tx_id, e.seq, e.event_id, e.order_id, e.account_id, e.type, e.state_after,
              e.payload, e.event_ts, o.strategy_id
         FROM order_events e LEFT JOIN orders o ON o.order_id = e.order_id
        WHERE (e.tx_id, e.seq) > ($1, $2) AND e.tx_id < ${HORIZON}
        ORDER BY e.tx_id, e.seq LIMIT $3`,
      [position.txId, position.seq, limit],
    );
    return rows.map((r) => ({
      position: { txId: Number(r.tx_id), seq: Number(r.seq) },
      eventId: r.event_id,
      orderId: r.order_id,
      accountId: r.account_id,
      type: r.type,
      stateAfter: r.state_after,
      payload: r.payload,
      ts: r.event_ts,
      strategyId: r.strategy_id,
    }));
  }

  /** The log's end as a reader may see it now (the start for a subscriber without a cursor). */
  async logHead(): Promise<LogPosition> {
    const rows: { tx_id: string; seq: string }[] = await this.dataSource.query(
      `SELECT tx_id, seq FROM order_events WHERE tx_id < ${HORIZON}
        ORDER BY tx_id DESC, seq DESC LIMIT 1`,
    );
    const row = rows[0];
    return row === undefined ? LOG_START : { txId: Number(row.tx_id), seq: Number(row.seq) };
  }

  /** Shares each strategy book bought and sold per account and symbol (every day so far). */
  async bookFlows(): Promise<BookFlow[]> {
    const rows: {
      account_id: string;
      strategy_id: string;
      symbol: string;
      bought: string;
      sold: string;
    }[] = await this.dataSource.query(`
        SELECT account_id, strategy_id, symbol,
               SUM(bought)::text AS bought, SUM(sold)::text AS sold
          FROM book_flows GROUP BY account_id, strategy_id, symbol`);
    return rows.map((r) => ({
      accountId: r.account_id,
      strategyId: r.strategy_id,
      symbol: r.symbol,
      bought: Number(r.bought),
      sold: Number(r.sold),
    }));
  }

  /** book_flows per trading day (risk's T+1 rebuild), amounts and commission in money units. */
  async bookFlowsByDay(): Promise<
    (BookFlow & {
      tradingDay: string;
      buyAmount: bigint;
      sellAmount: bigint;
      commission: bigint;
    })[]
  > {
    const rows: {
      account_id: string;
      strategy_id: string;
      symbol: string;
      trading_day: string;
      bought: string;
      sold: string;
      buy_amount: string;
      sell_amount: string;
      commission: string;
    }[] = await this.dataSource.query(`
        SELECT account_id, strategy_id, symbol, to_char(trading_day, 'YYYY-MM-DD') AS trading_day,
               bought::text, sold::text, buy_amount::text, sell_amount::text, commission::text
          FROM book_flows`);
    return rows.map((r) => ({
      accountId: r.account_id,
      strategyId: r.strategy_id,
      symbol: r.symbol,
      tradingDay: r.trading_day,
      bought: Number(r.bought),
      sold: Number(r.sold),
      buyAmount: BigInt(r.buy_amount),
      sellAmount: BigInt(r.sell_amount),
      commission: BigInt(r.commission),
    }));
  }

  /** The broker's latest position per account and symbol (the broker_positions projection). */
  async latestPositions(): Promise<
    {
      accountId: string;
      symbol: string;
      volume: number;
      sellable: number;
      frozen: number;
      avgPrice: number;
      at: Date;
    }[]
  > {
    const rows = await this.dataSource.getRepository(BrokerPositionEntity).find();
    return rows.map((r) => ({
      accountId: r.accountId,
      symbol: r.symbol,
      volume: r.volume,
      sellable: r.sellableVolume,
      frozen: r.frozenVolume,
      avgPrice: r.avgPrice,
      at: r.asOf,
    }));
  }

  /** The broker's latest asset snapshot per account (broker_assets), in money units. */
  async latestAssets(): Promise<
    Map<
      string,
      { cash: string; frozenCash: string; marketValue: string; totalAsset: string; at: Date }
    >
  > {
    const rows = await this.dataSource.getRepository(BrokerAssetEntity).find();
    return new Map(
      rows.map((r) => [
        r.accountId,
        {
          cash: r.cash,
          frozenCash: r.frozenCash,
          marketValue: r.marketValue,
          totalAsset: r.totalAsset,
          at: r.asOf,
        },
      ]),
    );
  }
}
