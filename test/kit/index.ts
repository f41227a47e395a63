// Helpers for integration and end-to-end tests: wait for a condition, talk to the HTTP API.
import type { DeskConfig } from '@qmt/contracts';
import { createServer } from 'node:net';

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

/** A TCP port free right now on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address === null || typeof address === 'string') {
          reject(new Error('no port'));
        } else {
          resolve(address.port);
        }
      });
    });
  });
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
