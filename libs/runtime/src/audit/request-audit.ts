import { AuditType, type AuditEntry, type JsonValue } from '@qmt/domain';
import type { Principal } from '../desk-directory.js';

/** Bodies larger than this are summarised by their size only: the audit log is not a dump. */
const MAX_BODY_CHARS = 4096;
const ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,47}$/;
const ORDER_ID = /^Q[0-9A-Z]{18}$/;

export interface RequestFacts {
  readonly principal: Principal;
  readonly transport: 'http' | 'grpc';
  /** HTTP method, or the gRPC service. */
  readonly method: string;
  /** HTTP path, or the gRPC method. */
  readonly path: string;
  readonly ip: string | null;
  /** HTTP status, or the HTTP status the gRPC error maps from (200 for OK). */
  readonly status: number;
  /** The error's machine code when refused. */
  readonly code?: string;
  /** The fields a 400 named. */
  readonly fields?: readonly string[];
  /** The request body; recorded only when the request succeeded (it was then validated). */
  readonly body?: unknown;
  /** Path parameters (orderId). */
  readonly params?: Readonly<Record<string, unknown>>;
  /** The answer, for the ids it carries (a new order's id). */
  readonly result?: unknown;
}

function text(value: unknown, pattern: RegExp): string | null {
  return typeof value === 'string' && pattern.test(value) ? value : null;
}

function field(source: unknown, key: string): unknown {
  return typeof source === 'object' && source !== null
    ? (source as Record<string, unknown>)[key]
    : undefined;
}

function bodySummary(body: unknown): JsonValue | undefined {
  if (body === undefined || body === null) {
    return undefined;
  }
  let json: string;
  try {
    json = JSON.stringify(body);
  } catch {
    return { unreadable: true };
  }
  if (json === undefined || json === '{}') {
    return undefined;
  }
  return json.length > MAX_BODY_CHARS
    ? { truncated: true, chars: json.length }
    : (JSON.parse(json) as JsonValue);
}

/**
 * The audit entry of one state-changing request: who (principal, role), from where (ip),
 * what (method, path, the validated body), and how it ended (status, error code). Ids are
 * taken only when they have the shape of an id, so hostile text never fills those columns.
 */
export function requestAuditEntry(facts: RequestFacts): AuditEntry {
  const ok = facts.status < 400;
  const accountId =
    text(field(facts.body, 'accountId'), ID) ?? text(field(facts.result, 'accountId'), ID);
  const orderId =
    text(field(facts.params, 'orderId'), ORDER_ID) ??
    text(field(facts.result, 'orderId'), ORDER_ID);
  return {
    type: AuditType.REQUEST,
    actor: facts.principal.id,
    role: facts.principal.role,
    ip: facts.ip,
    accountId: ok ? accountId : null,
    strategyId: facts.principal.strategyId ?? text(field(facts.result, 'strategyId'), ID),
    orderId,
    detail: {
      transport: facts.transport,
      method: facts.method,
      path: facts.path.slice(0, 256),
      status: facts.status,
      outcome: ok ? 'OK' : (facts.code ?? 'ERROR'),
      fields:
        facts.fields === undefined
          ? undefined
          : facts.fields.slice(0, 20).map((f) => f.slice(0, 64)),
      body: ok ? bodySummary(facts.body) : undefined,
    },
  };
}
