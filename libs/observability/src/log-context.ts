import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/**
 * The fields every log line about one request or one order carries (docs/observability.md "Log
 * fields"). They ride in async context, so a line logged deep in a store or a rule still names
 * the order without each caller threading them through.
 */
export interface LogContext {
  readonly requestId?: string;
  readonly orderId?: string;
  readonly clientOrderId?: string;
  readonly strategyId?: string;
  readonly accountId?: string;
  readonly parentId?: string;
}

export const LOG_CONTEXT_FIELDS = [
  'requestId',
  'orderId',
  'clientOrderId',
  'strategyId',
  'accountId',
  'parentId',
] as const satisfies readonly (keyof LogContext)[];

/** Header (HTTP) and metadata key (gRPC) of the request id, in and out. */
export const REQUEST_ID_HEADER = 'x-request-id';
/** gRPC metadata the OMS adds when it asks risk, so risk's lines name the client's order too. */
export const CLIENT_ORDER_ID_METADATA = 'x-client-order-id';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
const storage = new AsyncLocalStorage<Mutable<LogContext>>();
let asyncContextOn = true;

/**
 * Turns async log context on or off for this process. On Node 20, AsyncLocalStorage installs
 * promise hooks on its first use and from then on every promise in the process pays for them:
 * about 40 µs of a connector's ~200 µs of CPU per route job (docs/benchmarks.md). The connector,
 * which logs almost nothing per order and is measured in orders/s, turns it off; whatever must
 * follow an order there (the request id on its events) travels in the job and the event instead.
 * Off, withLogContext just calls its function and logContext() is empty.
 */
export function useAsyncLogContext(on: boolean): void {
  asyncContextOn = on;
  if (!on) {
    storage.disable();
  }
}

// A caller's id is kept only when it is short printable ASCII: it lands in logs, headers and
// job payloads, so anything else is replaced rather than escaped.
const ACCEPTABLE_REQUEST_ID = /^[A-Za-z0-9._:@/+=-]{1,128}$/;

/** The caller's request id when it is acceptable, else a fresh one. */
export function acceptRequestId(offered: unknown): string {
  const value = Array.isArray(offered) ? (offered as unknown[])[0] : offered;
  return typeof value === 'string' && ACCEPTABLE_REQUEST_ID.test(value) ? value : randomUUID();
}

function defined(fields: LogContext): Mutable<LogContext> {
  const out: Mutable<LogContext> = {};
  for (const name of LOG_CONTEXT_FIELDS) {
    const value = fields[name];
    if (typeof value === 'string' && value !== '') {
      out[name] = value;
    }
  }
  return out;
}

/** Runs fn with these fields added to (a copy of) the current context. */
export function withLogContext<T>(fields: LogContext, fn: () => T): T {
  if (!asyncContextOn) {
    return fn();
  }
  return storage.run({ ...storage.getStore(), ...defined(fields) }, fn);
}

/**
 * Adds fields to the current context for the rest of this request or job (the OMS learns the
 * order id only after validation); outside any context it does nothing.
 */
export function bindLogContext(fields: LogContext): void {
  const store = storage.getStore();
  if (store !== undefined) {
    Object.assign(store, defined(fields));
  }
}

/** The fields of the current context (empty outside one). */
export function logContext(): LogContext {
  return storage.getStore() ?? {};
}

export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}
