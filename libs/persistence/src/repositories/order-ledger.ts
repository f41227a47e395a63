import { tradingDayOf, type OrderView } from '@qmt/domain';
import type { EntityManager } from 'typeorm';
import { AuditLedger } from './audit-ledger.js';
import {
  entityOfRow,
  recordOfEntity,
  type OrderRecord,
  type OrderRow,
  type TradeRecord,
} from './order-records.js';

export interface NewOrderEvent {
  readonly eventId: string;
  readonly orderId: string | null;
  readonly accountId: string;
  readonly type: string;
  readonly source: string;
  readonly payload: Readonly<Record<string, unknown>>;
  readonly ts: Date;
}

/** An event row as it is appended: its partition and outcome are decided before the insert. */
export interface EventRow extends NewOrderEvent {
  /** 'YYYY-MM-DD': the partition (the order's creation day, recordOrderEvents decides). */
  readonly tradingDay: string;
  readonly outcome: string;
  readonly stateAfter: string | null;
}

export interface ViewUpdate {
  readonly orderId: string;
  readonly view: OrderView;
  readonly updatedAt: Date;
  /** The rejection's compared values, stored with a new rejection. */
  readonly rejectionDetails?: Readonly<Record<string, unknown>>;
}

export interface BrokerPositionRow {
  readonly accountId: string;
  readonly symbol: string;
  readonly volume: number;
  readonly sellableVolume: number;
  readonly frozenVolume: number;
  readonly yesterdayVolume: number;
  readonly avgPrice: number;
  readonly marketValue: string;
  readonly asOf: Date;
  readonly eventSeq: number;
}

export interface BrokerAssetRow {
  readonly accountId: string;
  readonly cash: string;
  readonly frozenCash: string;
  readonly marketValue: string;
  readonly totalAsset: string;
  readonly asOf: Date;
  readonly eventSeq: number;
}

export interface DeadLetterRow {
  readonly accountId: string;
  readonly entryId: string;
  readonly kind: 'MALFORMED' | 'ILLEGAL_TRANSITION';
  readonly eventId: string | null;
  readonly dedupeKey: string;
  readonly reason: string;
  readonly raw: string;
}

/** The projection columns of orders, set from `u` (a row of VIEW_ROWS). */
export const VIEW_SET = `
  status = u.status, filled_quantity = u.filled, traded_from_trades = u.from_trades,
  reported_filled = u.reported, fill_notional = u.notional,
  reported_avg_price = u.reported_avg, avg_fill_price = u.avg, xt_status = u.xt,
  broker_order_id = u.broker_id, broker_sys_id = u.sys_id,
  trade_ids = ARRAY(SELECT jsonb_array_elements_text(u.trade_ids)),
  status_message = u.message,
  rejection = CASE
    WHEN u.rejection IS NULL THEN NULL
    WHEN o.rejection->>'rule' IS DISTINCT FROM u.rejection->>'rule' THEN u.rejection
    ELSE o.rejection END,
  updated_at = u.updated_at`;

/**
 * The view updates as rows `u`, from one JSON parameter (viewRowsJson): node-postgres would
 * escape every element of fifteen array parameters in JavaScript, where JSON.stringify is one
 * native pass.
 */
export const VIEW_ROWS = (param: string): string => `
  json_to_recordset(${param}::json)
    AS u(order_id varchar, status varchar, filled bigint, from_trades bigint, reported bigint,
         notional numeric, reported_avg bigint, avg bigint, xt int, broker_id bigint,
         sys_id varchar, trade_ids jsonb, message text, rejection jsonb, updated_at timestamptz)`;

export function viewRowsJson(updates: readonly ViewUpdate[]): string {
  return JSON.stringify(updates.map(viewRowOf));
}

/** One row of VIEW_ROWS. */
export function viewRowOf({ orderId, view: x, rejectionDetails, updatedAt }: ViewUpdate) {
  return {
    order_id: orderId,
    status: x.state,
    filled: x.filledQuantity,
    from_trades: x.tradedFromTrades,
    reported: x.reportedFilled,
    notional: x.fillNotional.toString(),
    reported_avg: x.reportedAvgPrice,
    avg: x.avgFillPrice,
    xt: x.xtStatus,
    broker_id: x.brokerOrderId,
    sys_id: x.brokerSysId,
    trade_ids: x.tradeIds,
    message: x.statusMessage,
    rejection: x.rejection === null ? null : { ...x.rejection, details: rejectionDetails ?? {} },
    updated_at: updatedAt,
  };
}

/**
 * The writes of one transaction on the order tables, each a single statement for a whole batch
 * (arrays through unnest), so ingestion costs a handful of round trips per batch rather than
 * several per event. Every statement takes its row locks in key order, so two instances
 * ingesting overlapping batches wait for each other instead of deadlocking. The OMS decides what to write with the domain state machine; the ledger
 * only maps it to rows. Obtained from OrderStore.transaction.
 */
export class OrderLedger {
  /** Audit records written in this same transaction (a batch and its record commit together). */
  readonly audit: AuditLedger;

  constructor(private readonly manager: EntityManager) {
    this.audit = new AuditLedger(manager);
  }

  /** Deletes events this transaction appended, by log position (a replayed batch's redo). */
  async deleteOwnEvents(seqs: readonly number[]): Promise<void> {
    if (seqs.length === 0) {
      return;
    }
    await this.manager.query(
      `DELETE FROM order_events
        WHERE tx_id = pg_current_xact_id()::text::bigint AND seq = ANY($1::bigint[])`,
      [seqs],
    );
  }

  /**
   * Appends events; returns each new one's log position by event id. An event whose id is
   * stored already in its partition is left out (and absent from the answer).
   */
  async insertEvents(rows: readonly EventRow[]): Promise<Map<string, number>> {
    if (rows.length === 0) {
      return new Map();
    }
    // The rows travel as one JSON document, unpacked by json_to_recordset: node-postgres would
    // escape every element of ten array parameters in JavaScript, where JSON.stringify is one
    // native pass. Rows go in batch order (n), so seq follows the stream.
    const inserted: { event_id: string; seq: string }[] = await this.manager.query(
      `INSERT INTO order_events
         (trading_day, event_id, order_id, account_id, type, source, outcome, state_after,
          payload, event_ts)
       SELECT r.d, r.e, r.o, r.a, r.t, r.s, r.oc, r.sa, r.p, r.ts
         FROM json_to_recordset($1::json)
                AS r(n int, d date, e varchar, o varchar, a varchar, t varchar, s varchar,
                     oc varchar, sa varchar, p jsonb, ts timestamptz)
        ORDER BY r.n
       ON CONFLICT (event_id, trading_day) DO NOTHING
       RETURNING event_id, seq`,
      [
        JSON.stringify(
          rows.map((r, n) => ({
            n,
            d: r.tradingDay,
            e: r.eventId,
            o: r.orderId,
            a: r.accountId,
            t: r.type,
            s: r.source,
            oc: r.outcome,
            sa: r.stateAfter,
            p: r.payload,
            ts: r.ts,
          })),
        ),
      ],
    );
    return new Map(inserted.map((r) => [r.event_id, Number(r.seq)]));
  }

  /** Reads and locks order rows until the transaction ends (in id order: no deadlocks). */
  async lockOrders(orderIds: readonly string[]): Promise<Map<string, OrderRecord>> {
    if (orderIds.length === 0) {
      return new Map();
    }
    const rows: OrderRow[] = await this.manager.query(
      'SELECT * FROM orders WHERE order_id = ANY($1) ORDER BY order_id FOR UPDATE',
      [[...new Set(orderIds)]],
    );
    return new Map(rows.map((row) => [row.order_id, recordOfEntity(entityOfRow(row))]));
  }

  /** Writes the projection columns of each order (one UPDATE for the batch). */
  async saveViews(updates: readonly ViewUpdate[]): Promise<void> {
    if (updates.length === 0) {
      return;
    }
    await this.manager.query(
      `UPDATE orders o SET ${VIEW_SET} FROM ${VIEW_ROWS('$1')} WHERE o.order_id = u.order_id`,
      [viewRowsJson(updates)],
    );
  }

  /** Stores fills once per account and traded id; returns the ones that were new. */
  async insertTrades(trades: readonly TradeRecord[]): Promise<TradeRecord[]> {
    if (trades.length === 0) {
      return [];
    }
    const rows: { account_id: string; trade_id: string }[] = await this.manager.query(
      `INSERT INTO trades (account_id, trade_id, order_id, strategy_id, symbol, side, quantity,
                           price, amount, commission, traded_at)
       SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::varchar[],
                            $5::varchar[], $6::varchar[], $7::bigint[], $8::bigint[],
                            $9::numeric[], $10::numeric[], $11::timestamptz[])
              AS u(a, t, o, s, y, side, q, p, amount, c, at) ORDER BY a, t
       ON CONFLICT (account_id, trade_id) DO NOTHING RETURNING account_id, trade_id`,
      [
        trades.map((t) => t.accountId),
        trades.map((t) => t.tradeId),
        trades.map((t) => t.orderId),
        trades.map((t) => t.strategyId),
        trades.map((t) => t.symbol),
        trades.map((t) => t.side),
        trades.map((t) => t.quantity),
        trades.map((t) => t.price),
        trades.map((t) => t.amount.toString()),
        trades.map((t) => t.commission.toString()),
        trades.map((t) => t.tradedAt.toISOString()),
      ],
    );
    const fresh = new Set(rows.map((r) => `${r.account_id}\u0000${r.trade_id}`));
    const inserted = trades.filter((t) => fresh.delete(`${t.accountId}\u0000${t.tradeId}`));
    await this.addBookFlows(inserted);
    return inserted;
  }

  /** Adds new fills to their book's daily flows (bought, sold, amounts). */
  private async addBookFlows(trades: readonly TradeRecord[]): Promise<void> {
    const flows = new Map<
      string,
      {
        a: string;
        s: string;
        y: string;
        d: string;
        b: number;
        so: number;
        ba: bigint;
        sa: bigint;
        c: bigint;
      }
    >();
    for (const t of trades) {
      if (t.strategyId === null) {
        continue;
      }
      const day = tradingDayOf(t.tradedAt);
      const key = [t.accountId, t.strategyId, t.symbol, day].join('\u0000');
      const flow = flows.get(key) ?? {
        a: t.accountId,
        s: t.strategyId,
        y: t.symbol,
        d: day,
        b: 0,
        so: 0,
        ba: 0n,
        sa: 0n,
        c: 0n,
      };
      if (t.side === 'SELL') {
        flow.so += t.quantity;
        flow.sa += t.amount;
      } else {
        flow.b += t.quantity;
        flow.ba += t.amount;
      }
      flow.c += t.commission;
      flows.set(key, flow);
    }
    if (flows.size === 0) {
      return;
    }
    const f = [...flows.values()];
    await this.manager.query(
      `INSERT INTO book_flows AS b
         (account_id, strategy_id, symbol, trading_day, bought, sold, buy_amount, sell_amount,
          commission)
       SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::date[], $5::bigint[],
                            $6::bigint[], $7::numeric[], $8::numeric[], $9::numeric[])
              AS u(a, s, y, d, b, so, ba, sa, c) ORDER BY a, s, y, d
       ON CONFLICT (account_id, strategy_id, symbol, trading_day) DO UPDATE SET
         bought = b.bought + EXCLUDED.bought, sold = b.sold + EXCLUDED.sold,
         buy_amount = b.buy_amount + EXCLUDED.buy_amount,
         sell_amount = b.sell_amount + EXCLUDED.sell_amount,
         commission = b.commission + EXCLUDED.commission`,
      [
        f.map((x) => x.a),
        f.map((x) => x.s),
        f.map((x) => x.y),
        f.map((x) => x.d),
        f.map((x) => x.b),
        f.map((x) => x.so),
        f.map((x) => x.ba.toString()),
        f.map((x) => x.sa.toString()),
        f.map((x) => x.c.toString()),
      ],
    );
  }

  /** Keeps the latest broker position per account and symbol; an older event never wins. */
  async upsertBrokerPositions(rows: readonly BrokerPositionRow[]): Promise<void> {
    const latest = latestBy(rows, (r) => `${r.accountId}\u0000${r.symbol}`);
    if (latest.length === 0) {
      return;
    }
    await this.manager.query(
      `INSERT INTO broker_positions AS p
         (account_id, symbol, volume, sellable_volume, frozen_volume, yesterday_volume,
          avg_price, market_value, as_of, event_seq)
       SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::bigint[], $4::bigint[],
                            $5::bigint[], $6::bigint[], $7::bigint[], $8::numeric[],
                            $9::timestamptz[], $10::bigint[])
              AS u(a, y, v, sv, fv, yv, ap, mv, at, es) ORDER BY a, y
       ON CONFLICT (account_id, symbol) DO UPDATE SET
         volume = EXCLUDED.volume, sellable_volume = EXCLUDED.sellable_volume,
         frozen_volume = EXCLUDED.frozen_volume, yesterday_volume = EXCLUDED.yesterday_volume,
         avg_price = EXCLUDED.avg_price, market_value = EXCLUDED.market_value,
         as_of = EXCLUDED.as_of, event_seq = EXCLUDED.event_seq
       WHERE p.event_seq < EXCLUDED.event_seq`,
      [
        latest.map((r) => r.accountId),
        latest.map((r) => r.symbol),
        latest.map((r) => r.volume),
        latest.map((r) => r.sellableVolume),
        latest.map((r) => r.frozenVolume),
        latest.map((r) => r.yesterdayVolume),
        latest.map((r) => r.avgPrice),
        latest.map((r) => r.marketValue),
        latest.map((r) => r.asOf.toISOString()),
        latest.map((r) => r.eventSeq),
      ],
    );
  }

  /** Keeps the latest broker asset per account; an older event never wins. */
  async upsertBrokerAssets(rows: readonly BrokerAssetRow[]): Promise<void> {
    const latest = latestBy(rows, (r) => r.accountId);
    if (latest.length === 0) {
      return;
    }
    await this.manager.query(
      `INSERT INTO broker_assets AS a
         (account_id, cash, frozen_cash, market_value, total_asset, as_of, event_seq)
       SELECT * FROM unnest($1::varchar[], $2::numeric[], $3::numeric[], $4::numeric[],
                            $5::numeric[], $6::timestamptz[], $7::bigint[])
              AS u(a, c, fc, mv, ta, at, es) ORDER BY a
       ON CONFLICT (account_id) DO UPDATE SET
         cash = EXCLUDED.cash, frozen_cash = EXCLUDED.frozen_cash,
         market_value = EXCLUDED.market_value, total_asset = EXCLUDED.total_asset,
         as_of = EXCLUDED.as_of, event_seq = EXCLUDED.event_seq
       WHERE a.event_seq < EXCLUDED.event_seq`,
      [
        latest.map((r) => r.accountId),
        latest.map((r) => r.cash),
        latest.map((r) => r.frozenCash),
        latest.map((r) => r.marketValue),
        latest.map((r) => r.totalAsset),
        latest.map((r) => r.asOf.toISOString()),
        latest.map((r) => r.eventSeq),
      ],
    );
  }

  /** Keeps entries that cannot be applied (a redelivered one stays one row); returns the new. */
  async recordDeadLetters(rows: readonly DeadLetterRow[]): Promise<DeadLetterRow[]> {
    if (rows.length === 0) {
      return [];
    }
    const inserted: { dedupe_key: string }[] = await this.manager.query(
      `INSERT INTO event_dead_letters (account_id, entry_id, kind, event_id, dedupe_key, reason, raw)
       SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::varchar[],
                            $5::varchar[], $6::text[], $7::text[])
       ON CONFLICT (dedupe_key) DO NOTHING RETURNING dedupe_key`,
      [
        rows.map((r) => r.accountId),
        rows.map((r) => r.entryId),
        rows.map((r) => r.kind),
        rows.map((r) => r.eventId),
        rows.map((r) => r.dedupeKey),
        rows.map((r) => r.reason),
        rows.map((r) => r.raw),
      ],
    );
    const fresh = new Set(inserted.map((r) => r.dedupe_key));
    return rows.filter((r) => fresh.delete(r.dedupeKey));
  }
}

/** The row with the highest eventSeq per key. */
function latestBy<T extends { readonly eventSeq: number }>(
  rows: readonly T[],
  keyOf: (row: T) => string,
): T[] {
  const latest = new Map<string, T>();
  for (const row of rows) {
    const key = keyOf(row);
    const seen = latest.get(key);
    if (seen === undefined || seen.eventSeq < row.eventSeq) {
      latest.set(key, row);
    }
  }
  return [...latest.values()];
}
