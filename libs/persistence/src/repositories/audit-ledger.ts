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

/** Advisory lock key that serialises audit appends across every process (our own constant). */
export const AUDIT_LOG_LOCK = 7_310_044;

/** sha256 of UTF-8 text, 64 lowercase hex digits: the audit chain's hash. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

const nullable = (text: string | null | undefined, max: number): string | null =>
  text === null || text === undefined ? null : storableText(text).slice(0, max);

/**
 * Appends audit records inside the caller's transaction, so a record commits with the change it
 * describes or not at all. The lock is held to the commit: the next writer reads this head.
 */
export class AuditLedger {
  constructor(private readonly manager: EntityManager) {}

  async append(entries: readonly AuditEntry[], at: Date): Promise<AuditRecord[]> {
    if (entries.length === 0) {
      return [];
    }
    await this.manager.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_LOG_LOCK]);
    const head: { seq: string; hash: string }[] = await this.manager.query(
      'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1',
    );
    let seq = head[0] === undefined ? 0 : Number(head[0].seq);
    let prevHash = head[0]?.hash ?? GENESIS_HASH;
    const records: AuditRecord[] = entries.map((entry) => {
      seq += 1;
      const unhashed: UnhashedRecord = {
        seq,
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
      const hash = sha256Hex(chainInput(prevHash, unhashed));
      const record = { ...unhashed, prevHash, hash };
      prevHash = hash;
      return record;
    });
    await this.manager.query(
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
}
