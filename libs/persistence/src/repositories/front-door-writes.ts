// The front door's two writes per order, each as one statement over many orders (OrderStore
// coalesces the calls made while one is in flight): the PENDING_RISK row with its CREATED event,
// and the risk verdict on rows still as they were written. Rows travel as one JSON document.
import { tradingDayOf, type AuditEntry } from '@qmt/domain';
import type { EntityManager } from 'typeorm';
import { pendingOf } from './audit-ledger.js';
import { VIEW_SET, viewRowOf, type NewOrderEvent, type ViewUpdate } from './order-ledger.js';
import type { NewOrder, OrderRow } from './order-records.js';

export interface PendingWrite {
  readonly order: NewOrder;
  readonly created: NewOrderEvent;
}

export interface VerdictWrite {
  /** The row as the front door wrote it: the verdict applies only if it is still so. */
  readonly written: { readonly updatedAt: Date; readonly tradingDay: string };
  readonly update: ViewUpdate;
  readonly event: NewOrderEvent;
  readonly audit: { readonly entry: AuditEntry; readonly at: Date };
}

/** The order rows and their CREATED events; orders that conflict (a reused clientOrderId) are skipped. */
const INSERT_PENDING_SQL = `
  WITH x AS (
    SELECT * FROM json_to_recordset($1::json)
      AS x(order_id varchar, client_order_id varchar, request_hash varchar, account_id varchar,
           strategy_id varchar, symbol varchar, side varchar, order_type int, price_type int,
           price bigint, quantity bigint, parent_id varchar, created_at timestamptz,
           event_id varchar, trading_day date, source varchar, payload jsonb, event_ts timestamptz)),
  o AS (
    INSERT INTO orders (order_id, client_order_id, request_hash, account_id, strategy_id, symbol,
                        side, order_type, price_type, price, quantity, parent_id, status,
                        created_at, updated_at)
    SELECT order_id, client_order_id, request_hash, account_id, strategy_id, symbol, side,
           order_type, price_type, price, quantity, parent_id, 'PENDING_RISK', created_at, created_at
      FROM x
    ON CONFLICT DO NOTHING RETURNING *),
  appended AS (
    INSERT INTO order_events (trading_day, event_id, order_id, account_id, type, source, outcome,
                              state_after, payload, event_ts)
    SELECT x.trading_day, x.event_id, x.order_id, x.account_id, 'CREATED', x.source, 'applied',
           'PENDING_RISK', x.payload, x.event_ts
      FROM x JOIN o ON o.order_id = x.order_id
    ON CONFLICT (event_id, trading_day) DO NOTHING RETURNING seq)
  SELECT o.* FROM o, (SELECT count(*) FROM appended) AS a`;

/**
 * Verdicts on orders still as they were written (PENDING_RISK and untouched since: the route
 * job goes out before the verdict is stored, so the broker's ack may be ingested first and must
 * not be overwritten): their new views, verdict events and audit entries. The rows are locked in
 * order_id order, as ingestion locks them, so the two never deadlock.
 */
const RECORD_VERDICTS_SQL = `
  WITH u AS (
    SELECT * FROM json_to_recordset($1::json)
      AS u(order_id varchar, status varchar, filled bigint, from_trades bigint, reported bigint,
           notional numeric, reported_avg bigint, avg bigint, xt int, broker_id bigint,
           sys_id varchar, trade_ids jsonb, message text, rejection jsonb, updated_at timestamptz,
           written_at timestamptz, trading_day date, event_id varchar, account_id varchar,
           event_type varchar, source varchar, payload jsonb, event_ts timestamptz,
           audit_at timestamptz, audit_type varchar, actor varchar, role varchar, ip varchar,
           audit_account varchar, audit_strategy varchar, audit_order varchar, detail jsonb)),
  locked AS (
    SELECT o.order_id FROM orders o WHERE o.order_id IN (SELECT order_id FROM u)
     ORDER BY o.order_id FOR UPDATE),
  o AS (
    UPDATE orders o SET ${VIEW_SET} FROM u
     WHERE o.order_id = u.order_id AND o.order_id IN (SELECT order_id FROM locked)
       AND o.status = 'PENDING_RISK' AND o.updated_at = u.written_at
       AND o.broker_order_id IS NULL AND o.xt_status IS NULL AND cardinality(o.trade_ids) = 0
     RETURNING o.order_id),
  appended AS (
    INSERT INTO order_events (trading_day, event_id, order_id, account_id, type, source, outcome,
                              state_after, payload, event_ts)
    SELECT u.trading_day, u.event_id, u.order_id, u.account_id, u.event_type, u.source, 'applied',
           u.status, u.payload, u.event_ts
      FROM u JOIN o ON o.order_id = u.order_id
    RETURNING order_id),
  audited AS (
    INSERT INTO audit_outbox (at, type, actor, role, ip, account_id, strategy_id, order_id, detail)
    SELECT u.audit_at, u.audit_type, u.actor, u.role, u.ip, u.audit_account, u.audit_strategy,
           u.audit_order, u.detail
      FROM u JOIN o ON o.order_id = u.order_id)
  SELECT order_id FROM appended`;

/** Writes new orders in PENDING_RISK; answers each order's row, or null when it conflicted. */
export async function insertPendingOrders(
  manager: EntityManager,
  writes: readonly PendingWrite[],
): Promise<(OrderRow | null)[]> {
  const rows: OrderRow[] = await manager.query(INSERT_PENDING_SQL, [
    JSON.stringify(
      writes.map(({ order, created }) => ({
        order_id: order.orderId,
        client_order_id: order.clientOrderId,
        request_hash: order.requestHash,
        account_id: order.accountId,
        strategy_id: order.strategyId,
        symbol: order.symbol,
        side: order.side,
        order_type: order.orderType,
        price_type: order.priceType,
        price: order.price,
        quantity: order.quantity,
        parent_id: order.parentId,
        created_at: order.createdAt.toISOString(),
        event_id: created.eventId,
        // The CREATED event opens the order's partition: its creation day (eventTradingDay).
        trading_day: tradingDayOf(order.createdAt),
        source: created.source,
        payload: created.payload,
        event_ts: created.ts.toISOString(),
      })),
    ),
  ]);
  const byId = new Map(rows.map((row) => [row.order_id, row]));
  return writes.map((w) => byId.get(w.order.orderId) ?? null);
}

/** Records verdicts; answers, per verdict, whether it applied (false: the order moved on). */
export async function recordVerdicts(
  manager: EntityManager,
  writes: readonly VerdictWrite[],
): Promise<boolean[]> {
  const ids = new Set(writes.map((w) => w.update.orderId));
  if (ids.size < writes.length) {
    // Two verdicts on one order (the sweeper racing the front door): one statement would append
    // both events; one at a time, the row's own conditions let only the first apply.
    const applied: boolean[] = [];
    for (const w of writes) {
      applied.push(...(await recordVerdicts(manager, [w])));
    }
    return applied;
  }
  const rows: { order_id: string }[] = await manager.query(RECORD_VERDICTS_SQL, [
    JSON.stringify(
      writes.map(({ written, update, event, audit }) => {
        const a = pendingOf(audit.entry, audit.at);
        return {
          ...viewRowOf(update),
          written_at: written.updatedAt.toISOString(),
          trading_day: written.tradingDay,
          event_id: event.eventId,
          account_id: event.accountId,
          event_type: event.type,
          source: event.source,
          payload: event.payload,
          event_ts: event.ts.toISOString(),
          audit_at: a.at.toISOString(),
          audit_type: a.type,
          actor: a.actor,
          role: a.role,
          ip: a.ip,
          audit_account: a.accountId,
          audit_strategy: a.strategyId,
          audit_order: a.orderId,
          detail: a.detail,
        };
      }),
    ),
  ]);
  const applied = new Set(rows.map((r) => r.order_id));
  return writes.map((w) => applied.has(w.update.orderId));
}
