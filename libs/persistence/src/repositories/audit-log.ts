import {
  CHAIN_START,
  verifyPage,
  type AuditEntry,
  type AuditRecord,
  type ChainBreak,
} from '@qmt/domain';
import type { DataSource } from 'typeorm';
import { Coalescer } from './coalescer.js';
import {
  insertOutbox,
  pendingOf,
  sealAuditOutbox,
  sha256Hex,
  type PendingEntry,
} from './audit-ledger.js';

/** Filters of GET /v1/audit; every value reaches SQL as a parameter. */
export interface AuditFilter {
  readonly from?: Date;
  readonly to?: Date;
  readonly actor?: string;
  readonly accountId?: string;
  readonly strategyId?: string;
  readonly orderId?: string;
  readonly type?: string;
}

interface AuditRow {
  seq: string;
  at: Date;
  type: string;
  actor: string;
  role: string | null;
  ip: string | null;
  account_id: string | null;
  strategy_id: string | null;
  order_id: string | null;
  detail: Record<string, never>;
  prev_hash: string;
  hash: string;
}

const COLUMNS =
  'seq, at, type, actor, role, ip, account_id, strategy_id, order_id, detail, prev_hash, hash';

function recordOf(row: AuditRow): AuditRecord {
  return {
    seq: Number(row.seq),
    at: row.at,
    type: row.type,
    actor: row.actor,
    role: row.role,
    ip: row.ip,
    accountId: row.account_id,
    strategyId: row.strategy_id,
    orderId: row.order_id,
    detail: row.detail,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** The outcome of walking the whole chain (GET /v1/audit/verify). */
export interface ChainReport {
  readonly ok: boolean;
  /** Records found good, from seq 1 up to the first bad one. */
  readonly checked: number;
  readonly firstBadSeq?: number;
  readonly reason?: ChainBreak['kind'];
  /** The last good record: note it elsewhere to detect a later truncation of the tail. */
  readonly head: { readonly seq: number; readonly hash: string } | null;
}

const VERIFY_PAGE = 1000;
const SEAL_BATCH = 1000;
/** Entries one coalesced outbox INSERT carries at most. */
const APPEND_BATCH = 500;

/** The audit log in Postgres: queued appends, the sealer, filtered reads, chain pages. */
export class AuditLog {
  private readonly appends = new Coalescer<readonly PendingEntry[], void>(
    async (batches) => {
      await insertOutbox(this.dataSource.manager, batches.flat());
      return batches.map(() => undefined);
    },
    APPEND_BATCH,
    (entries) => entries.length,
  );

  constructor(private readonly dataSource: DataSource) {}

  /**
   * Queues entries for the chain (the sealer chains them); resolves once they are committed.
   * Every request of the front door audits itself before it answers, so appends coalesce: the
   * first goes out at once, and those made while an INSERT is in flight go together in the next
   * one, one round trip for many requests (docs/audit.md).
   */
  append(entries: readonly AuditEntry[], at: Date): Promise<void> {
    if (entries.length === 0) {
      return Promise.resolve();
    }
    return this.appends.submit(entries.map((e) => pendingOf(e, at)));
  }

  /**
   * Chains every entry of a finished transaction still waiting in the outbox; returns how many
   * it sealed. The OMS runs it continuously; reads call it first so they see their own writes.
   */
  async seal(batch = SEAL_BATCH): Promise<number> {
    // One read instead of a locked transaction of four statements: every process with a
    // database runs a sealer every 200 ms, and the outbox is empty whenever the desk is idle.
    const queued: { queued: boolean }[] = await this.dataSource.query(
      'SELECT EXISTS (SELECT 1 FROM audit_outbox) AS queued',
    );
    if (queued[0]?.queued !== true) {
      return 0;
    }
    let sealed = 0;
    for (;;) {
      const records = await this.dataSource.transaction((manager) =>
        sealAuditOutbox(manager, batch),
      );
      sealed += records.length;
      if (records.length < batch) {
        return sealed;
      }
    }
  }

  /** Records matching the filter with seq > afterSeq, oldest first. */
  async query(filter: AuditFilter, limit: number, afterSeq = 0): Promise<AuditRecord[]> {
    const where: string[] = ['seq > $1'];
    const params: unknown[] = [afterSeq];
    const add = (sql: (p: string) => string, value: unknown): void => {
      params.push(value);
      where.push(sql(`$${String(params.length)}`));
    };
    if (filter.from !== undefined) {
      add((p) => `at >= ${p}`, filter.from.toISOString());
    }
    if (filter.to !== undefined) {
      add((p) => `at < ${p}`, filter.to.toISOString());
    }
    if (filter.actor !== undefined) {
      add((p) => `actor = ${p}`, filter.actor);
    }
    if (filter.accountId !== undefined) {
      // A broker-event batch may span accounts: it lists them in detail.accountIds.
      add((p) => `(account_id = ${p} OR detail->'accountIds' ? ${p})`, filter.accountId);
    }
    if (filter.strategyId !== undefined) {
      add((p) => `strategy_id = ${p}`, filter.strategyId);
    }
    if (filter.orderId !== undefined) {
      add((p) => `order_id = ${p}`, filter.orderId);
    }
    if (filter.type !== undefined) {
      add((p) => `type = ${p}`, filter.type);
    }
    params.push(limit);
    const rows: AuditRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM audit_log WHERE ${where.join(' AND ')}
        ORDER BY seq LIMIT $${String(params.length)}`,
      params,
    );
    return rows.map(recordOf);
  }

  /** The next records of the chain after afterSeq, in seq order, for verification. */
  async page(afterSeq: number, limit: number): Promise<AuditRecord[]> {
    const rows: AuditRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2`,
      [afterSeq, limit],
    );
    return rows.map(recordOf);
  }

  /** The newest record's place in the chain, or null for an empty log. */
  async head(): Promise<{ seq: number; hash: string } | null> {
    const rows: { seq: string; hash: string }[] = await this.dataSource.query(
      'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1',
    );
    const row = rows[0];
    return row === undefined ? null : { seq: Number(row.seq), hash: row.hash };
  }

  /** Walks the chain from the genesis, a page at a time, and names the first bad record. */
  async verify(pageSize = VERIFY_PAGE): Promise<ChainReport> {
    let position = CHAIN_START;
    let checked = 0;
    for (;;) {
      const page = await this.page(position.seq, pageSize);
      const verdict = verifyPage(position, page, sha256Hex);
      checked += verdict.checked;
      if (!verdict.ok) {
        const lastGood = page[verdict.checked - 1];
        const good = lastGood === undefined ? position : { seq: lastGood.seq, hash: lastGood.hash };
        return {
          ok: false,
          checked,
          firstBadSeq: verdict.broken.seq,
          reason: verdict.broken.kind,
          head: good.seq === 0 ? null : good,
        };
      }
      position = verdict.position;
      if (page.length < pageSize) {
        return { ok: true, checked, head: position.seq === 0 ? null : position };
      }
    }
  }
}
