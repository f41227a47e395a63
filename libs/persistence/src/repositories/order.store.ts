import type { AuditEntry } from '@qmt/domain';
import type { DataSource, EntityManager } from 'typeorm';
import { OrderEntity } from '../entities/order.entity.js';
import { Coalescer } from './coalescer.js';
import {
  insertPendingOrders,
  recordVerdicts,
  type PendingWrite,
  type VerdictWrite,
} from './front-door-writes.js';
import { OrderLedger, type NewOrderEvent, type ViewUpdate } from './order-ledger.js';
import { preparedQuery } from './prepared-query.js';
import {
  entityOfRow,
  recordOfEntity,
  type NewOrder,
  type OrderDetail,
  type OrderRecord,
  type OrderRow,
} from './order-records.js';

const TERMINAL_STATES = [
  'REJECTED',
  'ORDER_PART_CANCEL',
  'ORDER_CANCELED',
  'ORDER_SUCCEEDED',
  'ORDER_JUNK',
];

/** An orders row as to_jsonb gives it: timestamps as strings. */
type OrderJsonRow = Omit<OrderRow, 'created_at' | 'updated_at'> & {
  readonly created_at: string;
  readonly updated_at: string;
};

interface DetailRow {
  readonly o: OrderJsonRow;
  readonly events: {
    readonly seq: string;
    readonly event_id: string;
    readonly type: string;
    readonly source: string;
    readonly outcome: string;
    readonly state_after: string | null;
    readonly payload: Record<string, unknown>;
    readonly event_ts: string;
  }[];
  readonly trades: {
    readonly account_id: string;
    readonly trade_id: string;
    readonly order_id: string | null;
    readonly strategy_id: string | null;
    readonly symbol: string;
    readonly side: string | null;
    readonly quantity: number;
    readonly price: number;
    readonly amount: string;
    readonly commission: string;
    readonly traded_at: string;
  }[];
  readonly children: OrderJsonRow[];
  readonly algo_parent: boolean;
}

const orderRowOfJson = (row: OrderJsonRow): OrderRow => ({
  ...row,
  created_at: new Date(row.created_at),
  updated_at: new Date(row.updated_at),
});

const ORDER_JSON = (alias: string) =>
  `to_jsonb(${alias}) || jsonb_build_object('fill_notional', ${alias}.fill_notional::text)`;

const DETAIL_SQL = `
  SELECT ${ORDER_JSON('o')} AS o,
         (SELECT coalesce(jsonb_agg(jsonb_build_object(
                   'seq', e.seq::text, 'event_id', e.event_id, 'type', e.type,
                   'source', e.source, 'outcome', e.outcome, 'state_after', e.state_after,
                   'payload', e.payload, 'event_ts', e.event_ts) ORDER BY e.seq), '[]')
            FROM order_events e
           WHERE e.order_id = o.order_id
             AND e.trading_day = (o.created_at AT TIME ZONE 'Asia/Shanghai')::date) AS events,
         (SELECT coalesce(jsonb_agg(to_jsonb(t) || jsonb_build_object(
                   'amount', t.amount::text, 'commission', t.commission::text) ORDER BY t.seq), '[]')
            FROM trades t WHERE t.order_id = o.order_id) AS trades,
         (SELECT coalesce(jsonb_agg(${ORDER_JSON('c')} ORDER BY c.created_at, c.order_id), '[]')
            FROM orders c WHERE c.parent_id = o.order_id) AS children,
         EXISTS (SELECT 1 FROM algo_orders a WHERE a.parent_id = o.order_id) AS algo_parent
    FROM orders o WHERE o.order_id = $1`;

/** Orders one coalesced front-door statement carries at most. */
const FRONT_DOOR_BATCH = 200;

export type InsertPendingResult =
  | { readonly kind: 'created'; readonly order: OrderRecord }
  | { readonly kind: 'existing'; readonly order: OrderRecord };

/** Orders, their events and trades in Postgres (the OMS's store). */
export class OrderStore {
  // The front door's hot writes, coalesced: one statement for the orders of every request that
  // arrived while the previous statement was in flight (docs/persistence.md).
  private readonly pendingWrites = new Coalescer<PendingWrite, OrderRow | null>(
    (writes) => insertPendingOrders(this.dataSource.manager, writes),
    FRONT_DOOR_BATCH,
  );
  private readonly verdictWrites = new Coalescer<VerdictWrite, boolean>(
    (writes) => recordVerdicts(this.dataSource.manager, writes),
    FRONT_DOOR_BATCH,
  );

  constructor(private readonly dataSource: DataSource) {}

  /** Runs fn in one transaction; every ledger write commits or none does. */
  transaction<T>(fn: (ledger: OrderLedger) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) => fn(new OrderLedger(manager)));
  }

  /**
   * Writes a new order in PENDING_RISK with its CREATED event, in one statement (atomic, one
   * round trip: the front door's hot path); when the strategy already used the clientOrderId,
   * returns the existing order instead and writes nothing. `alongside` writes more rows of a
   * created order in the same transaction (an algo parent's parameters).
   */
  async insertPending(
    order: NewOrder,
    created: NewOrderEvent,
    alongside?: (manager: EntityManager) => Promise<void>,
  ): Promise<InsertPendingResult> {
    if (alongside === undefined) {
      return this.writePending(null, order, created);
    }
    return this.dataSource.transaction(async (manager) => {
      const result = await this.writePending(manager, order, created);
      if (result.kind === 'created') {
        await alongside(manager);
      }
      return result;
    });
  }

  private async writePending(
    manager: EntityManager | null,
    order: NewOrder,
    created: NewOrderEvent,
  ): Promise<InsertPendingResult> {
    const row =
      manager === null
        ? await this.pendingWrites.submit({ order, created })
        : (await insertPendingOrders(manager, [{ order, created }]))[0];
    if (row !== null && row !== undefined) {
      return { kind: 'created', order: recordOfEntity(entityOfRow(row)) };
    }
    const existing = await (manager ?? this.dataSource.manager)
      .getRepository(OrderEntity)
      .findOneByOrFail({ strategyId: order.strategyId, clientOrderId: order.clientOrderId });
    return { kind: 'existing', order: recordOfEntity(existing) };
  }

  /**
   * Records a risk verdict in one round trip (shared with the verdicts made meanwhile) when the
   * order is still PENDING_RISK (the front door's hot path: its view as the state machine
   * computed it, the verdict event in the order's partition, the audit entry); false, writing
   * nothing, when it is not, and the caller records the verdict the general way
   * (recordOrderEvents).
   */
  recordVerdict(
    written: { readonly updatedAt: Date; readonly tradingDay: string },
    update: ViewUpdate,
    event: NewOrderEvent,
    audit: { readonly entry: AuditEntry; readonly at: Date },
  ): Promise<boolean> {
    return this.verdictWrites.submit({ written, update, event, audit });
  }

  async get(orderId: string): Promise<OrderRecord | null> {
    const row = await this.dataSource.getRepository(OrderEntity).findOneBy({ orderId });
    return row === null ? null : recordOfEntity(row);
  }

  /**
   * The order with its events, trades and children in one round trip (the blotter's hottest
   * read). An order's events are all in its creation day's partition, the only one read;
   * money columns travel as text so no amount loses precision in JSON.
   */
  async getDetail(orderId: string): Promise<OrderDetail | null> {
    const rows = await preparedQuery<DetailRow>(this.dataSource, 'qmt_order_detail', DETAIL_SQL, [
      orderId,
    ]);
    const row = rows[0];
    if (row === undefined) {
      return null;
    }
    return {
      order: recordOfEntity(entityOfRow(orderRowOfJson(row.o))),
      events: row.events.map((e) => ({
        seq: Number(e.seq),
        eventId: e.event_id,
        type: e.type,
        source: e.source,
        outcome: e.outcome,
        stateAfter: e.state_after,
        payload: e.payload,
        ts: new Date(e.event_ts),
      })),
      trades: row.trades.map((t) => ({
        accountId: t.account_id,
        tradeId: t.trade_id,
        orderId: t.order_id,
        strategyId: t.strategy_id,
        symbol: t.symbol,
        side: t.side,
        quantity: Number(t.quantity),
        price: Number(t.price),
        amount: BigInt(t.amount),
        commission: BigInt(t.commission),
        tradedAt: new Date(t.traded_at),
      })),
      children: row.children.map((c) => recordOfEntity(entityOfRow(orderRowOfJson(c)))),
      isAlgoParent: row.algo_parent,
    };
  }

  /**
   * Orders still waiting for a risk verdict, created before `olderThan` (and not before `since`,
   * when given: then only that window of ix_orders_created is read, not the whole table), oldest
   * first.
   */
  async pendingRiskBefore(olderThan: Date, limit: number, since?: Date): Promise<OrderRecord[]> {
    const query = this.dataSource
      .getRepository(OrderEntity)
      .createQueryBuilder('o')
      .where("o.status = 'PENDING_RISK'")
      .andWhere('o.created_at < :olderThan', { olderThan });
    if (since !== undefined) {
      query.andWhere('o.created_at >= :since', { since });
    }
    const rows = await query.orderBy('o.created_at', 'ASC').limit(limit).getMany();
    return rows.map(recordOfEntity);
  }

  /**
   * Orders not yet in a terminal state (risk rebuilds its reservations from them). Algo parents
   * are left out: they never reach a broker, their children hold the reservations.
   */
  async openOrders(): Promise<OrderRecord[]> {
    const rows = await this.dataSource
      .getRepository(OrderEntity)
      .createQueryBuilder('o')
      .where('o.status NOT IN (:...terminal)', { terminal: TERMINAL_STATES })
      .andWhere('NOT EXISTS (SELECT 1 FROM algo_orders a WHERE a.parent_id = o.order_id)')
      .orderBy('o.created_at', 'ASC')
      .getMany();
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
