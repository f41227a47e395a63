import { tradingDayOf } from '@qmt/domain';
import type { DataSource } from 'typeorm';
import { In, Not } from 'typeorm';
import { OrderEntity } from '../entities/order.entity.js';
import { TradeEntity } from '../entities/trade.entity.js';
import { OrderLedger, type NewOrderEvent } from './order-ledger.js';
import {
  recordOfEntity,
  tradeRecordOf,
  type NewOrder,
  type OrderDetail,
  type OrderRecord,
} from './order-records.js';

const TERMINAL_STATES = [
  'REJECTED',
  'ORDER_PART_CANCEL',
  'ORDER_CANCELED',
  'ORDER_SUCCEEDED',
  'ORDER_JUNK',
];

interface EventRow {
  seq: string;
  event_id: string;
  type: string;
  source: string;
  outcome: string;
  state_after: string | null;
  payload: Record<string, unknown>;
  event_ts: Date;
}

export type InsertPendingResult =
  | { readonly kind: 'created'; readonly order: OrderRecord }
  | { readonly kind: 'existing'; readonly order: OrderRecord };

/** Orders, their events and trades in Postgres (the OMS's store). */
export class OrderStore {
  constructor(private readonly dataSource: DataSource) {}

  /** Runs fn in one transaction; every ledger write commits or none does. */
  transaction<T>(fn: (ledger: OrderLedger) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) => fn(new OrderLedger(manager)));
  }

  /**
   * Writes a new order in PENDING_RISK with its CREATED event, in one transaction; when the
   * strategy already used the clientOrderId, returns the existing order instead.
   */
  async insertPending(order: NewOrder, created: NewOrderEvent): Promise<InsertPendingResult> {
    return this.dataSource.transaction(async (manager) => {
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(OrderEntity)
        .values({
          ...order,
          status: 'PENDING_RISK',
          filledQuantity: 0,
          tradedFromTrades: 0,
          reportedFilled: 0,
          fillNotional: '0',
          reportedAvgPrice: 0,
          avgFillPrice: null,
          xtStatus: null,
          brokerOrderId: null,
          brokerSysId: null,
          tradeIds: [],
          statusMessage: '',
          rejection: null,
          updatedAt: order.createdAt,
        })
        .orIgnore()
        .returning(['order_id'])
        .execute();
      const repository = manager.getRepository(OrderEntity);
      if (!(inserted.raw instanceof Array) || inserted.raw.length === 0) {
        const existing = await repository.findOneByOrFail({
          strategyId: order.strategyId,
          clientOrderId: order.clientOrderId,
        });
        return { kind: 'existing', order: recordOfEntity(existing) };
      }
      const ledger = new OrderLedger(manager);
      await ledger.claimEventIds([created]);
      await ledger.insertEvents([{ ...created, outcome: 'applied', stateAfter: 'PENDING_RISK' }]);
      const row = await repository.findOneByOrFail({ orderId: order.orderId });
      return { kind: 'created', order: recordOfEntity(row) };
    });
  }

  async get(orderId: string): Promise<OrderRecord | null> {
    const row = await this.dataSource.getRepository(OrderEntity).findOneBy({ orderId });
    return row === null ? null : recordOfEntity(row);
  }

  async getDetail(orderId: string): Promise<OrderDetail | null> {
    const row = await this.dataSource.getRepository(OrderEntity).findOneBy({ orderId });
    if (row === null) {
      return null;
    }
    const [events, trades, children] = await Promise.all([
      // An order's events never predate it: the day bound prunes older partitions.
      this.dataSource.query<EventRow[]>(
        `SELECT seq, event_id, type, source, outcome, state_after, payload, event_ts
           FROM order_events WHERE order_id = $1 AND trading_day >= $2 ORDER BY seq`,
        [orderId, tradingDayOf(row.createdAt)],
      ),
      this.dataSource
        .getRepository(TradeEntity)
        .find({ where: { orderId }, order: { seq: 'ASC' } }),
      this.dataSource
        .getRepository(OrderEntity)
        .find({ where: { parentId: orderId }, order: { createdAt: 'ASC', orderId: 'ASC' } }),
    ]);
    return {
      order: recordOfEntity(row),
      events: events.map((e) => ({
        seq: Number(e.seq),
        eventId: e.event_id,
        type: e.type,
        source: e.source,
        outcome: e.outcome,
        stateAfter: e.state_after,
        payload: e.payload,
        ts: e.event_ts,
      })),
      trades: trades.map(tradeRecordOf),
      children: children.map(recordOfEntity),
    };
  }

  /** Orders still waiting for a risk verdict since before `olderThan`, oldest first. */
  async pendingRiskBefore(olderThan: Date, limit: number): Promise<OrderRecord[]> {
    const rows = await this.dataSource
      .getRepository(OrderEntity)
      .createQueryBuilder('o')
      .where("o.status = 'PENDING_RISK'")
      .andWhere('o.created_at < :olderThan', { olderThan })
      .orderBy('o.created_at', 'ASC')
      .limit(limit)
      .getMany();
    return rows.map(recordOfEntity);
  }

  /** Orders not yet in a terminal state (risk rebuilds its reservations from them). */
  async openOrders(): Promise<OrderRecord[]> {
    const rows = await this.dataSource
      .getRepository(OrderEntity)
      .find({ where: { status: Not(In(TERMINAL_STATES)) }, order: { createdAt: 'ASC' } });
    return rows.map(recordOfEntity);
  }

  /** Net cash each strategy book has spent in each account (buys minus sells), in money units. */
  async netSpendByBook(): Promise<{ accountId: string; strategyId: string; spent: bigint }[]> {
    const rows: { account_id: string; strategy_id: string; spent: string }[] = await this.dataSource
      .query(`
        SELECT account_id, strategy_id,
               SUM(buy_amount - sell_amount)::text AS spent
          FROM book_flows GROUP BY account_id, strategy_id`);
    return rows.map((r) => ({
      accountId: r.account_id,
      strategyId: r.strategy_id,
      spent: BigInt(r.spent),
    }));
  }

  /** Every stored (account, traded id), so replayed fills are not counted twice. */
  async tradeKeys(): Promise<{ accountId: string; tradeId: string }[]> {
    const rows: { account_id: string; trade_id: string }[] = await this.dataSource.query(
      'SELECT account_id, trade_id FROM trades',
    );
    return rows.map((r) => ({ accountId: r.account_id, tradeId: r.trade_id }));
  }

  /**
   * Creates the missing daily partitions of order_events from firstDay to lastDay
   * ('YYYY-MM-DD', Asia/Shanghai days); returns how many it made.
   */
  async ensureEventPartitions(firstDay: string, lastDay: string): Promise<number> {
    const rows: { made: number }[] = await this.dataSource.query(
      'SELECT qmt_ensure_event_partitions($1::date, $2::date) AS made',
      [firstDay, lastDay],
    );
    return rows[0]?.made ?? 0;
  }

  async ping(): Promise<boolean> {
    try {
      await this.dataSource.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }
}
