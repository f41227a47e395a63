// What one audit record says and the exact text its hash covers (docs/audit.md).
import { canonicalJson, type JsonValue } from './canonical-json.js';

/** What happened; the codes are stable strings (filters, CSV and gRPC carry them as they are). */
export const AuditType = {
  /** A state-changing HTTP or gRPC request by a known caller, with its outcome. */
  REQUEST: 'REQUEST',
  /** Risk's verdict on one order, with the rule results. */
  RISK_DECISION: 'RISK_DECISION',
  /** One ingested batch of broker events: their ids and a digest of the batch. */
  BROKER_EVENTS: 'BROKER_EVENTS',
  LIMIT_CHANGE: 'LIMIT_CHANGE',
  KILL_SWITCH: 'KILL_SWITCH',
  /** API keys re-read without a restart (SIGHUP or the admin endpoint). */
  KEYS_RELOADED: 'KEYS_RELOADED',
  /** A break between the strategy books and the broker's own figures (ARCHITECTURE §5). */
  RECONCILIATION_BREAK: 'RECONCILIATION_BREAK',
} as const;

export type AuditType = (typeof AuditType)[keyof typeof AuditType];

export const AUDIT_TYPES: readonly AuditType[] = Object.values(AuditType);

export function isAuditType(value: string): value is AuditType {
  return (AUDIT_TYPES as readonly string[]).includes(value);
}

/** A record as a caller hands it in: the log assigns seq, time order and the hashes. */
export interface AuditEntry {
  readonly type: AuditType;
  /** Who: a principal id (strategy or user), or the component acting on its own ("oms", "risk"). */
  readonly actor: string;
  readonly role?: string | null;
  /** From where: the caller's address, when it came over the network. */
  readonly ip?: string | null;
  readonly accountId?: string | null;
  readonly strategyId?: string | null;
  readonly orderId?: string | null;
  /** What, in a shape per type; must be storable JSON (no NaN, no NUL). */
  readonly detail: { readonly [key: string]: JsonValue | undefined };
}

/** A record as stored: the entry's fields, all present (null when absent), plus the chain. */
export interface AuditRecord {
  readonly seq: number;
  readonly at: Date;
  readonly type: string;
  readonly actor: string;
  readonly role: string | null;
  readonly ip: string | null;
  readonly accountId: string | null;
  readonly strategyId: string | null;
  readonly orderId: string | null;
  readonly detail: { readonly [key: string]: JsonValue | undefined };
  readonly prevHash: string;
  readonly hash: string;
}

/** prev_hash of the first record: 64 zeros. */
export const GENESIS_HASH = '0'.repeat(64);

export type UnhashedRecord = Omit<AuditRecord, 'prevHash' | 'hash'>;

/**
 * The canonical record text: every field but the hashes, as one canonical JSON object
 * (time as ISO-8601 UTC with milliseconds). hash = sha256(prev_hash ‖ this text).
 */
export function canonicalAuditRecord(record: UnhashedRecord): string {
  return canonicalJson({
    seq: record.seq,
    at: record.at.toISOString(),
    type: record.type,
    actor: record.actor,
    role: record.role,
    ip: record.ip,
    accountId: record.accountId,
    strategyId: record.strategyId,
    orderId: record.orderId,
    detail: record.detail,
  });
}

/** The text the hash function digests: the previous hash (64 hex digits) then the record. */
export function chainInput(prevHash: string, record: UnhashedRecord): string {
  return `${prevHash}${canonicalAuditRecord(record)}`;
}
