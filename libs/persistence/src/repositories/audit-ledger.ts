import { createHash } from 'node:crypto';
import {
  GENESIS_HASH,
  chainInput,
  storableJson,
  storableText,
  type AuditEntry,
  type AuditRecord,
  type JsonValue,
  type UnhashedRecord,
} from '@qmt/domain';
import type { EntityManager } from 'typeorm';

/** Advisory lock key that lets one sealer at a time extend the chain (our own constant). */
export const AUDIT_LOG_LOCK = 7_310_044;

/** sha256 of UTF-8 text, 64 lowercase hex digits: the audit chain's hash. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

const nullable = (text: string | null | undefined, max: number): string | null =>
  text === null || text === undefined ? null : storableText(text).slice(0, max);

/** An entry as it waits in audit_outbox, trimmed to the column sizes. */
export interface PendingEntry {
  readonly at: Date;
  readonly type: string;
  readonly actor: string;
  readonly role: string | null;
  readonly ip: string | null;
  readonly accountId: string | null;
  readonly strategyId: string | null;
  readonly orderId: string | null;
  readonly detail: Record<string, JsonValue>;
}

export function pendingOf(entry: AuditEntry, at: Date): PendingEntry {
  return {
    at,
    type: entry.type,
    actor: storableText(entry.actor).slice(0, 64),
    role: nullable(entry.role, 16),
    ip: nullable(entry.ip, 64),
    accountId: nullable(entry.accountId, 48),
    strategyId: nullable(entry.strategyId, 48),
    orderId: nullable(entry.orderId, 32),
    detail: storableJson(entry.detail) as Record<string, JsonValue>,
  };
}

/**
 * Appends audit entries inside the caller's transaction, so an entry commits with the change it
 * describes or not at all. They land in audit_outbox without a lock (every order's transaction
 * writes one, so a lock held to commit would serialise the whole desk); the sealer chains them
 * into audit_log shortly after (docs/audit.md).
 */
export class AuditLedger {
  constructor(private readonly manager: EntityManager) {}

  async append(entries: readonly AuditEntry[], at: Date): Promise<void> {
    await insertOutbox(
      this.manager,
      entries.map((e) => pendingOf(e, at)),
    );
  }
}

/** One INSERT of queued entries into audit_outbox (atomic on its own: no transaction needed). */
export async function insertOutbox(
  manager: EntityManager,
  pending: readonly PendingEntry[],
): Promise<void> {
  if (pending.length === 0) {
    return;
  }
  await manager.query(
    `INSERT INTO audit_outbox
       (at, type, actor, role, ip, account_id, strategy_id, order_id, detail)
     SELECT * FROM unnest($1::timestamptz[], $2::varchar[], $3::varchar[], $4::varchar[],
                          $5::varchar[], $6::varchar[], $7::varchar[], $8::varchar[],
                          $9::jsonb[])`,
    [
      pending.map((p) => p.at.toISOString()),
      pending.map((p) => p.type),
      pending.map((p) => p.actor),
      pending.map((p) => p.role),
      pending.map((p) => p.ip),
      pending.map((p) => p.accountId),
      pending.map((p) => p.strategyId),
      pending.map((p) => p.orderId),
      pending.map((p) => JSON.stringify(p.detail)),
    ],
  );
}

interface OutboxRow {
  readonly id: string;
  readonly at: Date;
  readonly type: string;
  readonly actor: string;
  readonly role: string | null;
  readonly ip: string | null;
  readonly account_id: string | null;
  readonly strategy_id: string | null;
  readonly order_id: string | null;
  readonly detail: Record<string, JsonValue>;
}

/**
 * Moves up to `limit` committed entries from audit_outbox onto the chain, oldest first. The
 * outbox is a queue, not a log read by position: an entry whose transaction commits late is
 * simply chained by a later pass, so nothing is skipped. One sealer at a time: it holds the chain
 * lock to its commit, which no business transaction ever waits for.
 */
export async function sealAuditOutbox(
  manager: EntityManager,
  limit: number,
): Promise<AuditRecord[]> {
  await manager.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_LOG_LOCK]);
  const moved: OutboxRow[] = await manager.query(
    // Wrapped in a SELECT: TypeORM answers a bare DELETE with [rows, count].
    `WITH moved AS (
       DELETE FROM audit_outbox WHERE id IN (SELECT id FROM audit_outbox ORDER BY id LIMIT $1)
       RETURNING *)
     SELECT * FROM moved`,
    [limit],
  );
  if (moved.length === 0) {
    return [];
  }
  const ordered = [...moved].sort((a, b) => Number(a.id) - Number(b.id));
  const head: { seq: string; hash: string }[] = await manager.query(
    'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1',
  );
  let seq = head[0] === undefined ? 0 : Number(head[0].seq);
  let prevHash = head[0]?.hash ?? GENESIS_HASH;
  const records: AuditRecord[] = ordered.map((row) => {
    seq += 1;
    const unhashed: UnhashedRecord = {
      seq,
      at: row.at,
      type: row.type,
      actor: row.actor,
      role: row.role,
      ip: row.ip,
      accountId: row.account_id,
      strategyId: row.strategy_id,
      orderId: row.order_id,
      detail: row.detail,
    };
    const hash = sha256Hex(chainInput(prevHash, unhashed));
    const record = { ...unhashed, prevHash, hash };
    prevHash = hash;
    return record;
  });
  await manager.query(
    `INSERT INTO audit_log
       (seq, at, type, actor, role, ip, account_id, strategy_id, order_id, detail, prev_hash, hash)
     SELECT * FROM unnest($1::bigint[], $2::timestamptz[], $3::varchar[], $4::varchar[],
                          $5::varchar[], $6::varchar[], $7::varchar[], $8::varchar[],
                          $9::varchar[], $10::jsonb[], $11::varchar[], $12::varchar[])`,
    [
      records.map((r) => r.seq),
      records.map((r) => r.at.toISOString()),
      records.map((r) => r.type),
      records.map((r) => r.actor),
      records.map((r) => r.role),
      records.map((r) => r.ip),
      records.map((r) => r.accountId),
      records.map((r) => r.strategyId),
      records.map((r) => r.orderId),
      records.map((r) => JSON.stringify(r.detail)),
      records.map((r) => r.prevHash),
      records.map((r) => r.hash),
    ],
  );
  return records;
}
