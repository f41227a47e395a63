// Walking the audit chain (GET /v1/audit/verify). Pure: the caller supplies the sha256.
import { GENESIS_HASH, chainInput, type AuditRecord } from './audit-record.js';

/** sha256 of UTF-8 text as 64 lowercase hex digits. */
export type Digest = (text: string) => string;

export type ChainBreak =
  /** A seq is missing: a row was deleted (or the walk started past the genesis). */
  | { readonly kind: 'GAP'; readonly seq: number }
  /** The row does not point at its predecessor's hash: a row before it was replaced. */
  | { readonly kind: 'PREV_HASH'; readonly seq: number }
  /** The row's own content no longer gives its hash: the row was edited. */
  | { readonly kind: 'HASH'; readonly seq: number };

/** Where a walk stands between pages: the last good record. */
export interface ChainPosition {
  readonly seq: number;
  readonly hash: string;
}

export const CHAIN_START: ChainPosition = { seq: 0, hash: GENESIS_HASH };

export type PageVerdict =
  | { readonly ok: true; readonly checked: number; readonly position: ChainPosition }
  | { readonly ok: false; readonly checked: number; readonly broken: ChainBreak };

/**
 * Checks the next page of records (ascending seq) after position: seqs follow on without a gap,
 * each prev_hash is the hash before it, and each hash is recomputed from the row's own fields.
 * checked counts the records found good before the first break.
 */
export function verifyPage(
  position: ChainPosition,
  page: readonly AuditRecord[],
  digest: Digest,
): PageVerdict {
  let at = position;
  let checked = 0;
  for (const record of page) {
    const expected = at.seq + 1;
    if (record.seq !== expected) {
      return { ok: false, checked, broken: { kind: 'GAP', seq: expected } };
    }
    if (record.prevHash !== at.hash) {
      return { ok: false, checked, broken: { kind: 'PREV_HASH', seq: record.seq } };
    }
    if (digest(chainInput(record.prevHash, record)) !== record.hash) {
      return { ok: false, checked, broken: { kind: 'HASH', seq: record.seq } };
    }
    at = { seq: record.seq, hash: record.hash };
    checked += 1;
  }
  return { ok: true, checked, position: at };
}
