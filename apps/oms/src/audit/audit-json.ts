import type { AuditRecord } from '@qmt/domain';
import { ApiError, type FieldProblem } from '@qmt/runtime';

export interface AuditRecordJson {
  readonly seq: number;
  readonly at: string;
  readonly type: string;
  readonly actor: string;
  readonly role: string | null;
  readonly ip: string | null;
  readonly accountId: string | null;
  readonly strategyId: string | null;
  readonly orderId: string | null;
  readonly detail: Readonly<Record<string, unknown>>;
  readonly prevHash: string;
  readonly hash: string;
}

export function auditRecordJson(record: AuditRecord): AuditRecordJson {
  return { ...record, at: record.at.toISOString() };
}

export function encodeAuditCursor(seq: number): string {
  return Buffer.from(`audit:${String(seq)}`).toString('base64url');
}

/** The seq a cursor stands after; 0 for none. */
export function decodeAuditCursor(cursor: string | undefined): number {
  if (cursor === undefined) {
    return 0;
  }
  const match = /^audit:(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (match?.[1] === undefined) {
    const problem: FieldProblem = {
      path: 'cursor',
      message: 'cursor is not one this API handed out (use nextCursor as given)',
    };
    throw ApiError.badRequest(`cursor: ${problem.message}`, [problem]);
  }
  return Number(match[1]);
}

export const CSV_COLUMNS = [
  'seq',
  'at',
  'type',
  'actor',
  'role',
  'ip',
  'accountId',
  'strategyId',
  'orderId',
  'detail',
  'prevHash',
  'hash',
] as const;

// A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV row: detail as its canonical JSON text is not needed to verify (the chain is verified
 * server-side), so detail is plain JSON; a cell a spreadsheet would run is prefixed with '.
 */
export function csvRow(record: AuditRecord): string[] {
  const json = auditRecordJson(record);
  return CSV_COLUMNS.map((column) => {
    const value = json[column];
    const cell =
      value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
    return FORMULA_START.test(cell) ? `'${cell}` : cell;
  });
}
