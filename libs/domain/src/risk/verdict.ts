// A risk decision is a value (STYLE §2.3, after Nautilus OrderDeniedReason): a machine code, a
// message in full words and the compared values, so API, audit row and metric share one object.
import type { RuleCode } from './rule-codes.js';

export type Verdict =
  | { readonly ok: true }
  | {
      readonly ok: false;
      readonly rule: RuleCode;
      readonly message: string;
      /** The compared values: always `observed` and `limit`, plus rule-specific keys. */
      readonly details: Readonly<Record<string, string | number>>;
    };

export type Rejection = Extract<Verdict, { ok: false }>;

/** What every rejection's details carry: the value seen and the bound it broke. */
export type RejectionDetails = Readonly<
  { observed: string | number; limit: string | number } & Record<string, string | number>
>;

export const PASS: Verdict = { ok: true };

export function fail(rule: RuleCode, message: string, details: RejectionDetails): Rejection {
  return { ok: false, rule, message, details };
}
