import type { DataSource } from 'typeorm';

// The desk's risk controls (issue 5): the limit document (one row, replaced whole, with a
// version every risk instance polls) and the kill switch per scope. Risk owns both tables; the
// OMS changes them only through RiskService.SetLimits / SetKillSwitch.

export interface StoredLimits {
  /** The document as parseRiskLimits accepts it (yuan, ratios as fractions). */
  readonly document: unknown;
  readonly version: number;
  readonly updatedAt: Date;
  readonly updatedBy: string;
}

export interface StoredKillSwitch {
  readonly scopeType: 'global' | 'account' | 'strategy';
  /** '' for the global scope. */
  readonly scopeId: string;
  readonly mode: string;
  readonly reason: string;
  readonly updatedAt: Date;
  readonly updatedBy: string;
}

/** What a poll reads to learn whether another instance changed anything. */
export interface ControlVersions {
  readonly limits: number;
  readonly killSwitch: number;
}

export class RiskControlStore {
  constructor(private readonly dataSource: DataSource) {}

  async limits(): Promise<StoredLimits | null> {
    const rows: { document: unknown; version: string; updated_at: Date; updated_by: string }[] =
      await this.dataSource.query(
        'SELECT document, version, updated_at, updated_by FROM risk_limits WHERE id = 1',
      );
    const row = rows[0];
    return row === undefined
      ? null
      : {
          document: row.document,
          version: Number(row.version),
          updatedAt: row.updated_at,
          updatedBy: row.updated_by,
        };
  }

  /** Stores the desk file's limits once, on the very first start; later starts keep the table's. */
  async seedLimits(document: unknown, at: Date): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO risk_limits (id, document, version, updated_at, updated_by)
       VALUES (1, $1::jsonb, 1, $2, 'desk.yaml') ON CONFLICT (id) DO NOTHING RETURNING id`,
      [JSON.stringify(document), at],
    );
    return rows.length > 0;
  }

  /** Replaces the document; returns the new version. */
  async replaceLimits(document: unknown, by: string, at: Date): Promise<number> {
    const rows: { version: string }[] = await this.dataSource.query(
      `INSERT INTO risk_limits (id, document, version, updated_at, updated_by)
       VALUES (1, $1::jsonb, 1, $2, $3)
       ON CONFLICT (id) DO UPDATE SET document = EXCLUDED.document,
         version = risk_limits.version + 1, updated_at = EXCLUDED.updated_at,
         updated_by = EXCLUDED.updated_by
       RETURNING version`,
      [JSON.stringify(document), at, by],
    );
    return Number(rows[0]?.version ?? 0);
  }

  async killSwitches(): Promise<StoredKillSwitch[]> {
    const rows: {
      scope_type: StoredKillSwitch['scopeType'];
      scope_id: string;
      mode: string;
      reason: string;
      updated_at: Date;
      updated_by: string;
    }[] = await this.dataSource.query(
      'SELECT scope_type, scope_id, mode, reason, updated_at, updated_by FROM risk_kill_switches',
    );
    return rows.map((r) => ({
      scopeType: r.scope_type,
      scopeId: r.scope_id,
      mode: r.mode,
      reason: r.reason,
      updatedAt: r.updated_at,
      updatedBy: r.updated_by,
    }));
  }

  /** Sets one scope's mode (ACTIVE rows are kept: they say who re-armed it and when). */
  async setKillSwitch(entry: StoredKillSwitch): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO risk_kill_switches (scope_type, scope_id, mode, reason, updated_at, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (scope_type, scope_id) DO UPDATE SET mode = EXCLUDED.mode,
         reason = EXCLUDED.reason, updated_at = EXCLUDED.updated_at,
         updated_by = EXCLUDED.updated_by`,
      [entry.scopeType, entry.scopeId, entry.mode, entry.reason, entry.updatedAt, entry.updatedBy],
    );
    await this.dataSource.query(
      'UPDATE risk_limits SET kill_switch_version = kill_switch_version + 1 WHERE id = 1',
    );
  }

  async versions(): Promise<ControlVersions> {
    const rows: { version: string; kill_switch_version: string }[] = await this.dataSource.query(
      'SELECT version, kill_switch_version FROM risk_limits WHERE id = 1',
    );
    const row = rows[0];
    return {
      limits: Number(row?.version ?? 0),
      killSwitch: Number(row?.kill_switch_version ?? 0),
    };
  }

  /** Today's orders and cancels per book (flow counters after a restart). */
  async dailyFlow(
    since: Date,
  ): Promise<{ accountId: string; strategyId: string; orders: number; cancels: number }[]> {
    const rows: { account_id: string; strategy_id: string; orders: string; cancels: string }[] =
      await this.dataSource.query(
        `SELECT o.account_id, o.strategy_id, COUNT(*)::text AS orders,
                COUNT(*) FILTER (WHERE EXISTS (
                  SELECT 1 FROM order_events e
                   WHERE e.order_id = o.order_id AND e.type = 'CANCEL_REQUESTED'
                     -- An order's events sit in its creation day's partition: read that one.
                     AND e.trading_day = (o.created_at AT TIME ZONE 'Asia/Shanghai')::date
                ))::text AS cancels
           FROM orders o
          WHERE o.created_at >= $1 AND o.status <> 'REJECTED'
          GROUP BY o.account_id, o.strategy_id`,
        [since],
      );
    return rows.map((r) => ({
      accountId: r.account_id,
      strategyId: r.strategy_id,
      orders: Number(r.orders),
      cancels: Number(r.cancels),
    }));
  }
}
