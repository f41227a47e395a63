// Helpers for integration and end-to-end tests: wait for a condition, talk to the HTTP API.
import type { DeskConfig } from '@qmt/contracts';

/** Polls until fn returns a value that is not undefined (or stops throwing), else fails. */
export async function eventually<T>(
  fn: () => Promise<T | undefined> | T | undefined,
  options: { timeoutMs?: number; intervalMs?: number; what?: string | (() => string) } = {},
): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await fn();
      if (value !== undefined) {
        return value;
      }
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 25));
  }
  throw new Error(
    `timed out waiting for ${typeof options.what === 'function' ? options.what() : (options.what ?? 'a condition')}${lastError instanceof Error ? `: ${lastError.message}` : ''}`,
  );
}

export interface ApiResponse {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

/** A tiny HTTP client for the gateway API with a bearer key. */
export function apiClient(baseUrl: string, key?: string) {
  const request = async (method: string, path: string, body?: unknown): Promise<ApiResponse> => {
    const headers: Record<string, string> = {};
    if (key !== undefined) {
      headers.authorization = `Bearer ${key}`;
    }
    let payload: string | undefined;
    if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = typeof body === 'string' ? body : JSON.stringify(body);
    }
    const response = await fetch(`${baseUrl}${path}`, { method, headers, body: payload });
    const text = await response.text();
    let parsed: Record<string, unknown>;
    try {
      parsed = text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
    } catch {
      parsed = { text };
    }
    return { status: response.status, body: parsed };
  };
  return {
    get: (path: string) => request('GET', path),
    post: (path: string, body?: unknown) => request('POST', path, body),
    put: (path: string, body?: unknown) => request('PUT', path, body),
    delete: (path: string) => request('DELETE', path),
  };
}

/** A desk with its connectors and accounts renamed, so test runs sharing one Redis never mix. */
export function isolatedDesk(desk: DeskConfig, suffix: string): DeskConfig {
  const rename = (id: string): string => `${id}-${suffix}`;
  return {
    ...desk,
    connectors: desk.connectors.map((c) => ({ ...c, id: rename(c.id) })),
    accounts: desk.accounts.map((a) => ({
      ...a,
      id: rename(a.id),
      connector: rename(a.connector),
    })),
    strategies: desk.strategies.map((s) => ({
      ...s,
      accounts: s.accounts.map(rename),
      budgets: Object.fromEntries(Object.entries(s.budgets).map(([k, v]) => [rename(k), v])),
    })),
  };
}

/**
 * The statuses a POST's answer never shows for an order risk approved. Anything else is right:
 * the answer is the order as stored when it leaves, and the route job goes out before the
 * verdict is written, so a marketable order's fill may already be ingested (ORDER_SUCCEEDED
 * rather than ROUTED).
 */
export const NOT_APPROVED_STATUSES: readonly string[] = ['PENDING_RISK', 'REJECTED'];

/** A BUY 100 000001.SZ limit order above the sim's ask, so it fills at once. */
export function marketableBuy(accountId: string, clientOrderId: string, quantity = 100) {
  return {
    accountId,
    clientOrderId,
    symbol: '000001.SZ',
    side: 'BUY',
    quantity,
    priceType: 'LIMIT',
    price: 11.6,
  };
}

/**
 * Submits marketableBuy through `client`, expects it approved (201) and waits for its fill;
 * answers the filled order's detail.
 */
export async function buyUntilFilled(
  client: ReturnType<typeof apiClient>,
  accountId: string,
  clientOrderId: string,
): Promise<Record<string, unknown>> {
  const submitted = await client.post('/v1/orders', marketableBuy(accountId, clientOrderId));
  expect(submitted.status).toBe(201);
  expect(NOT_APPROVED_STATUSES).not.toContain(submitted.body.status);
  return eventually(
    async () => {
      const detail = await client.get(`/v1/orders/${String(submitted.body.orderId)}`);
      return detail.body.status === 'ORDER_SUCCEEDED' ? detail.body : undefined;
    },
    { what: `order ${clientOrderId} to fill` },
  );
}

export interface StreamEvent {
  readonly id: string;
  readonly event: string;
  readonly data: Record<string, unknown>;
}

/** Reads a Server-Sent Events endpoint into an array until closed. */
export async function openEventStream(
  url: string,
  key: string | undefined,
  lastEventId?: string,
): Promise<{ status: number; events: StreamEvent[]; close(): void }> {
  const controller = new AbortController();
  const headers: Record<string, string> = { accept: 'text/event-stream' };
  if (key !== undefined) {
    headers.authorization = `Bearer ${key}`;
  }
  if (lastEventId !== undefined) {
    headers['last-event-id'] = lastEventId;
  }
  const response = await fetch(url, { headers, signal: controller.signal });
  const events: StreamEvent[] = [];
  const body = response.body;
  if (response.ok && body !== null) {
    void (async () => {
      const decoder = new TextDecoder();
      let buffer = '';
      try {
        for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
          buffer += decoder.decode(chunk, { stream: true });
          let end = buffer.indexOf('\n\n');
          while (end >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const field = (name: string) =>
              block
                .split('\n')
                .find((line) => line.startsWith(`${name}:`))
                ?.slice(name.length + 1)
                .trim();
            const data = field('data');
            if (data !== undefined) {
              events.push({
                id: field('id') ?? '',
                event: field('event') ?? 'message',
                data: JSON.parse(data) as Record<string, unknown>,
              });
            }
            end = buffer.indexOf('\n\n');
          }
        }
      } catch {
        // Aborted by close().
      }
    })();
  }
  return { status: response.status, events, close: () => controller.abort() };
}

export { freePort } from './ports.js';
export * from './desk.js';
export * from './algo.js';
export * from './grpc.js';

/** Orders two update-stream positions (`<transaction id>-<seq>`, SSE ids and gRPC cursors). */
export function compareStreamPositions(a: string, b: string): number {
  const [ta = 0, sa = 0] = a.split('-').map(Number);
  const [tb = 0, sb = 0] = b.split('-').map(Number);
  return ta - tb || sa - sb;
}
export * from './openapi.js';
export * from './prometheus.js';
export * from './services.js';
export * from './queues.js';
