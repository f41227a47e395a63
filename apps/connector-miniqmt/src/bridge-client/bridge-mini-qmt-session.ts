import net from 'node:net';
import tls from 'node:tls';
import type { XtAsset, XtCallback, XtOrder, XtPosition, XtTrade } from '@qmt/domain';
import type { Logger } from '@qmt/observability';
import { MiniQmtSession, type XtAccountRef } from '../session/mini-qmt-session.port.js';
import { BridgeError, BridgeErrorCode } from './bridge-error.js';
import {
  BRIDGE_PROTOCOL_VERSION,
  LineDecoder,
  encodeBridgeMessage,
  parseBridgeLine,
  reconnectDelayMs,
  type BridgeEvent,
  type BridgeInbound,
  type BridgeOutbound,
  type BridgeQuote,
  type BridgeTraderState,
} from './bridge-protocol.js';

export interface BridgeTlsOptions {
  /** CA (PEM) the bridge's certificate must chain to; a self-signed cert is its own CA. */
  readonly ca?: string | Buffer;
  /** Client certificate and key, when the bridge verifies clients. */
  readonly cert?: string | Buffer;
  readonly key?: string | Buffer;
  /** Name the certificate must carry; defaults to the host when it is not an IP address. */
  readonly servername?: string;
}

export interface BridgeSessionOptions {
  readonly host: string;
  readonly port: number;
  readonly token: string;
  readonly tls?: BridgeTlsOptions;
  /** A request with no answer by then fails with TIMEOUT (outcome unknown). */
  readonly requestTimeoutMs?: number;
  /** connect() gives up (and stops trying) after this long. */
  readonly connectTimeoutMs?: number;
  readonly heartbeatIntervalMs?: number;
  /** The link is dropped when nothing arrived from the bridge for this long. */
  readonly heartbeatTimeoutMs?: number;
  readonly reconnectInitialMs?: number;
  readonly reconnectMaxMs?: number;
  readonly logger?: Pick<Logger, 'info' | 'warn' | 'error'>;
}

export interface BridgeSessionStatus {
  /** Whether the TCP link to the bridge is up and the handshake done. */
  readonly link: 'open' | 'down';
  /** The bridge's XtQuantTrader, as the bridge last reported it. */
  readonly trader: BridgeTraderState;
  readonly sessionId: number | null;
  readonly bridgeId: string | null;
  readonly reason: string;
}

interface Pending {
  readonly method: string;
  readonly resolve: (result: unknown) => void;
  readonly reject: (error: BridgeError) => void;
  readonly timer: NodeJS.Timeout;
}

interface Waiter {
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
}

const XT_CALLBACKS: ReadonlySet<string> = new Set<XtCallback['callback']>([
  'on_stock_order',
  'on_stock_trade',
  'on_stock_asset',
  'on_stock_position',
  'on_order_error',
  'on_cancel_error',
  'on_order_stock_async_response',
  'on_cancel_order_stock_async_response',
  'on_account_status',
  'on_disconnected',
]);

/** Bridge replies after which reconnecting would be wrong: fix the config or the deployment. */
const FATAL_CODES: ReadonlySet<string> = new Set([
  BridgeErrorCode.AUTH_FAILED,
  BridgeErrorCode.PROTOCOL_VERSION,
  'SUPERSEDED',
]);

/**
 * MiniQmtSession over the Python bridge (docs/bridge-protocol.md). Callbacks reach listeners
 * serially in the bridge's order, as the xttype objects the sim emits. The link reconnects
 * with backoff until disconnect(); while the link or the bridge's trader is down,
 * isConnected() is false, requests are refused (never queued) and one on_disconnected is
 * delivered per outage.
 */
export class BridgeMiniQmtSession extends MiniQmtSession {
  private socket: net.Socket | undefined;
  private decoder = new LineDecoder();
  private linkOpen = false;
  private trader: BridgeTraderState = 'disconnected';
  private up = false;
  /** Set once an outage is announced, so the bridge's own on_disconnected is not doubled. */
  private downAnnounced = true;
  private stopped = true;
  private fatal: BridgeError | undefined;
  private attempt = 0;
  private epoch = 0;
  private nextId = 0;
  private lastRx = 0;
  private lastLinkError: string | undefined;
  private sessionId: number | null = null;
  private bridgeId: string | null = null;
  private capabilities: { trader: readonly string[]; xtdata: readonly string[] } = {
    trader: [],
    xtdata: [],
  };
  private heartbeat: NodeJS.Timeout | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private readonly pending = new Map<number, Pending>();
  private readonly accounts = new Map<string, XtAccountRef>();
  private readonly listeners: ((callback: XtCallback) => void)[] = [];
  private readonly eventListeners: ((event: BridgeEvent) => void)[] = [];
  private readonly quoteListeners: ((quote: BridgeQuote) => void)[] = [];
  private readonly statusListeners: ((status: BridgeSessionStatus) => void)[] = [];
  private waiters: Waiter[] = [];

  constructor(private readonly options: BridgeSessionOptions) {
    super();
  }

  // --- MiniQmtSession -----------------------------------------------------------------------

  /** Resolves once the bridge's trader is connected and known accounts are subscribed. */
  async connect(): Promise<void> {
    if (this.up) {
      return;
    }
    this.stopped = false;
    this.fatal = undefined;
    const waiter = this.waitUp();
    if (this.socket === undefined && this.reconnectTimer === undefined) {
      this.openLink();
    }
    const timeoutMs = this.options.connectTimeoutMs ?? 30_000;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(
          new BridgeError(
            BridgeErrorCode.TIMEOUT,
            `bridge ${this.options.host}:${this.options.port} not up within ${timeoutMs} ms` +
              (this.lastLinkError === undefined ? '' : `; last link error: ${this.lastLinkError}`),
          ),
        );
      }, timeoutMs);
    });
    try {
      await Promise.race([waiter, timeout]);
    } catch (error) {
      await this.disconnect();
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  async disconnect(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    const socket = this.socket;
    if (socket !== undefined) {
      const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
      socket.destroy();
      await closed;
    }
    this.rejectWaiters(new BridgeError(BridgeErrorCode.NOT_SENT, 'session disconnected'));
  }

  isConnected(): boolean {
    return this.up;
  }

  onCallback(listener: (callback: XtCallback) => void): void {
    this.listeners.push(listener);
  }

  async subscribe(account: XtAccountRef): Promise<number> {
    const result = await this.refusedAsMinusOne(() => this.request('subscribe', [ref(account)]));
    if (result === 0) {
      this.accounts.set(account.account_id, account);
    }
    return result;
  }

  orderStockAsync(
    account: XtAccountRef,
    stockCode: string,
    orderType: number,
    orderVolume: number,
    priceType: number,
    price: number,
    strategyName: string,
    orderRemark: string,
  ): Promise<number> {
    return this.refusedAsMinusOne(() =>
      this.request('order_stock_async', [
        ref(account),
        stockCode,
        orderType,
        orderVolume,
        priceType,
        price,
        strategyName,
        orderRemark,
      ]),
    );
  }

  cancelOrderStockAsync(account: XtAccountRef, orderId: number): Promise<number> {
    return this.refusedAsMinusOne(() =>
      this.request('cancel_order_stock_async', [ref(account), orderId]),
    );
  }

  async queryStockOrders(account: XtAccountRef, cancelableOnly = false): Promise<XtOrder[]> {
    return listOf<XtOrder>(
      await this.request('query_stock_orders', [ref(account), cancelableOnly]),
    );
  }

  async queryStockTrades(account: XtAccountRef): Promise<XtTrade[]> {
    return listOf<XtTrade>(await this.request('query_stock_trades', [ref(account)]));
  }

  async queryStockAsset(account: XtAccountRef): Promise<XtAsset | null> {
    const asset = await this.request('query_stock_asset', [ref(account)]);
    return isRecord(asset) ? (asset as unknown as XtAsset) : null;
  }

  async queryStockPositions(account: XtAccountRef): Promise<XtPosition[]> {
    return listOf<XtPosition>(await this.request('query_stock_positions', [ref(account)]));
  }

  // --- the rest of the surface --------------------------------------------------------------

  /**
   * Any whitelisted XtQuantTrader method by name, or `xtdata.<name>`, with positional args and
   * keyword args; an {account_id, account_type} argument becomes a StockAccount on the bridge.
   * Rejects with a BridgeError (see its codes for whether the call can have been executed).
   */
  call(
    method: string,
    args: readonly unknown[] = [],
    kwargs?: Readonly<Record<string, unknown>>,
  ): Promise<unknown> {
    return this.request(method, args, kwargs);
  }

  /** Every pushed callback with its bridge envelope, including ones outside XtCallback. */
  onEvent(listener: (event: BridgeEvent) => void): void {
    this.eventListeners.push(listener);
  }

  /** Pushes of xtdata subscriptions (subscribe_quote / subscribe_whole_quote). */
  onQuote(listener: (quote: BridgeQuote) => void): void {
    this.quoteListeners.push(listener);
  }

  onStatus(listener: (status: BridgeSessionStatus) => void): void {
    this.statusListeners.push(listener);
  }

  status(): BridgeSessionStatus {
    return {
      link: this.linkOpen ? 'open' : 'down',
      trader: this.trader,
      sessionId: this.sessionId,
      bridgeId: this.bridgeId,
      reason: '',
    };
  }

  /** What the bridge's xtquant build offers (its welcome), for the capability list. */
  bridgeCapabilities(): { trader: readonly string[]; xtdata: readonly string[] } {
    return this.capabilities;
  }

  // --- the link -----------------------------------------------------------------------------

  private openLink(): void {
    this.reconnectTimer = undefined;
    const { host, port } = this.options;
    const tlsOptions = this.options.tls;
    const socket =
      tlsOptions === undefined
        ? net.connect({ host, port })
        : tls.connect({
            host,
            port,
            ...(tlsOptions.ca === undefined ? {} : { ca: tlsOptions.ca }),
            ...(tlsOptions.cert === undefined ? {} : { cert: tlsOptions.cert }),
            ...(tlsOptions.key === undefined ? {} : { key: tlsOptions.key }),
            ...(tlsOptions.servername !== undefined
              ? { servername: tlsOptions.servername }
              : net.isIP(host) === 0
                ? { servername: host }
                : {}),
          });
    this.socket = socket;
    this.decoder = new LineDecoder();
    this.linkOpen = false;
    socket.setEncoding('utf8');
    socket.setNoDelay(true);
    socket.once(tlsOptions === undefined ? 'connect' : 'secureConnect', () => {
      this.lastRx = Date.now();
      this.write({
        type: 'hello',
        token: this.options.token,
        protocol: BRIDGE_PROTOCOL_VERSION,
        client: 'qmt-gateway',
      });
      this.startHeartbeat(socket);
    });
    socket.on('data', (chunk: string) => this.onData(socket, chunk));
    socket.on('error', (error: Error) => {
      this.lastLinkError = error.message;
      this.options.logger?.warn({ err: error, host, port }, 'bridge link error');
    });
    socket.on('close', () => this.onClose(socket));
  }

  private startHeartbeat(socket: net.Socket): void {
    const interval = this.options.heartbeatIntervalMs ?? 5_000;
    const timeout = this.options.heartbeatTimeoutMs ?? 15_000;
    clearInterval(this.heartbeat);
    this.heartbeat = setInterval(() => {
      if (Date.now() - this.lastRx > timeout) {
        this.options.logger?.warn({ timeoutMs: timeout }, 'bridge silent; dropping the link');
        socket.destroy();
        return;
      }
      this.write({ type: 'heartbeat', ts: Date.now() });
    }, interval);
  }

  private onData(socket: net.Socket, chunk: string): void {
    if (socket !== this.socket) {
      return;
    }
    this.lastRx = Date.now();
    const lines = this.decoder.push(chunk);
    if (lines === 'overflow') {
      this.options.logger?.error({}, 'bridge sent an endless line; dropping the link');
      socket.destroy();
      return;
    }
    for (const line of lines) {
      const parsed = parseBridgeLine(line);
      if (parsed.kind === 'invalid') {
        this.options.logger?.warn({ reason: parsed.reason }, 'ignoring a bad line from the bridge');
        continue;
      }
      this.handle(parsed.message);
    }
  }

  private handle(message: BridgeInbound): void {
    switch (message.type) {
      case 'welcome':
        if (message.protocol !== BRIDGE_PROTOCOL_VERSION) {
          this.stopFor(
            new BridgeError(BridgeErrorCode.PROTOCOL_VERSION, `bridge speaks ${message.protocol}`),
          );
          return;
        }
        this.linkOpen = true;
        this.attempt = 0;
        this.lastLinkError = undefined;
        this.bridgeId = message.bridge_id;
        this.sessionId = message.session_id;
        this.capabilities = message.capabilities;
        if (message.dropped_events > 0) {
          this.options.logger?.warn(
            { dropped: message.dropped_events },
            'the bridge dropped events while no client was connected; reconcile',
          );
        }
        this.applyTrader(message.trader, message.accounts, 'welcome');
        return;
      case 'status':
        this.sessionId = message.session_id;
        this.applyTrader(message.trader, message.accounts, message.reason);
        return;
      case 'event':
        this.onEventMessage(message);
        return;
      case 'quote':
        deliver(this.quoteListeners, message);
        return;
      case 'response':
        this.settle(message);
        return;
      case 'error':
        this.options.logger?.warn({ code: message.code, reason: message.message }, 'bridge error');
        if (FATAL_CODES.has(message.code)) {
          this.stopFor(new BridgeError(message.code, message.message));
        }
        return;
      case 'heartbeat':
        return;
    }
  }

  private onEventMessage(event: BridgeEvent): void {
    if (event.callback === 'on_disconnected') {
      this.up = false;
      this.downAnnounced = true;
      this.trader = 'disconnected';
    }
    if (XT_CALLBACKS.has(event.callback)) {
      // The bridge sends xttype objects with xtquant's own field names (xt-types.ts).
      const callback = { callback: event.callback, data: event.data } as unknown as XtCallback;
      deliver(this.listeners, callback);
    }
    deliver(this.eventListeners, event);
  }

  private applyTrader(
    state: BridgeTraderState,
    reported: readonly { readonly account_id: string }[],
    reason: string,
  ): void {
    this.trader = state;
    if (state !== 'connected') {
      this.markDown(reason);
      return;
    }
    const epoch = ++this.epoch;
    const known = new Set(reported.map((a) => a.account_id));
    const missing = [...this.accounts.values()].filter((a) => !known.has(a.account_id));
    void this.resubscribe(missing).then(() => {
      if (epoch !== this.epoch || this.trader !== 'connected' || !this.linkOpen) {
        return;
      }
      this.up = true;
      this.downAnnounced = false;
      this.notifyStatus(reason);
      const waiters = this.waiters;
      this.waiters = [];
      for (const waiter of waiters) {
        waiter.resolve();
      }
    });
  }

  /** A restarted bridge knows no accounts: subscribe again the ones this session had. */
  private async resubscribe(accounts: readonly XtAccountRef[]): Promise<void> {
    for (const account of accounts) {
      try {
        const result = await this.request('subscribe', [ref(account)]);
        if (result !== 0) {
          this.options.logger?.error(
            { account: account.account_id, result },
            'resubscribe after reconnect failed; pushes for this account are lost until reconcile',
          );
        }
      } catch (error) {
        this.options.logger?.error({ err: error, account: account.account_id }, 'resubscribe');
      }
    }
  }

  private markDown(reason: string): void {
    this.epoch += 1;
    if (this.up) {
      this.up = false;
      if (!this.downAnnounced) {
        this.downAnnounced = true;
        deliver(this.listeners, { callback: 'on_disconnected', data: {} });
      }
    }
    this.notifyStatus(reason);
  }

  private onClose(socket: net.Socket): void {
    if (socket !== this.socket) {
      return;
    }
    this.socket = undefined;
    this.linkOpen = false;
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
    for (const [id, pending] of this.pending) {
      clearTimeout(pending.timer);
      this.pending.delete(id);
      pending.reject(
        new BridgeError(
          BridgeErrorCode.LINK_LOST,
          `link lost with ${pending.method} in flight; outcome unknown`,
        ),
      );
    }
    this.trader = 'disconnected';
    this.markDown('bridge link closed');
    if (this.fatal !== undefined) {
      this.rejectWaiters(this.fatal);
      return;
    }
    if (this.stopped) {
      return;
    }
    this.attempt += 1;
    const delay = reconnectDelayMs(
      this.attempt,
      this.options.reconnectInitialMs ?? 500,
      this.options.reconnectMaxMs ?? 30_000,
    );
    this.reconnectTimer = setTimeout(() => this.openLink(), delay);
  }

  private stopFor(error: BridgeError): void {
    this.options.logger?.error({ code: error.code }, 'bridge refused this client; not retrying');
    this.fatal = error;
    this.stopped = true;
    this.socket?.destroy();
  }

  // --- requests -----------------------------------------------------------------------------

  private request(
    method: string,
    args: readonly unknown[],
    kwargs?: Readonly<Record<string, unknown>>,
  ): Promise<unknown> {
    if (!this.linkOpen || this.socket === undefined) {
      return Promise.reject(
        new BridgeError(BridgeErrorCode.NOT_SENT, `bridge link is down; ${method} not sent`),
      );
    }
    const id = ++this.nextId;
    const timeoutMs = this.options.requestTimeoutMs ?? 10_000;
    return new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(
          new BridgeError(
            BridgeErrorCode.TIMEOUT,
            `${method} unanswered after ${timeoutMs} ms; outcome unknown`,
          ),
        );
      }, timeoutMs);
      this.pending.set(id, { method, resolve, reject, timer });
      this.write({
        type: 'request',
        id,
        method,
        args,
        ...(kwargs === undefined ? {} : { kwargs }),
      });
    });
  }

  private settle(message: Extract<BridgeInbound, { type: 'response' }>): void {
    const id = typeof message.id === 'number' ? message.id : Number.NaN;
    const pending = this.pending.get(id);
    if (pending === undefined) {
      // Answered after its timeout: the caller was already told the outcome is unknown.
      this.options.logger?.warn({ id: message.id }, 'late or unknown bridge response');
      return;
    }
    this.pending.delete(id);
    clearTimeout(pending.timer);
    if (message.ok) {
      pending.resolve(message.result);
    } else {
      pending.reject(new BridgeError(message.error.code, message.error.message));
    }
  }

  /** Port methods answer -1 when nothing reached miniQMT, as xttrader and the sim do. */
  private async refusedAsMinusOne(send: () => Promise<unknown>): Promise<number> {
    try {
      const result = await send();
      if (typeof result !== 'number') {
        throw new BridgeError('BAD_RESULT', `expected a number, got ${JSON.stringify(result)}`);
      }
      return result;
    } catch (error) {
      if (error instanceof BridgeError && error.neverSent) {
        return -1;
      }
      throw error;
    }
  }

  private write(message: BridgeOutbound): void {
    this.socket?.write(encodeBridgeMessage(message));
  }

  private waitUp(): Promise<void> {
    return new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  private rejectWaiters(error: Error): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) {
      waiter.reject(error);
    }
  }

  private notifyStatus(reason: string): void {
    deliver(this.statusListeners, { ...this.status(), reason });
  }
}

function ref(account: XtAccountRef): XtAccountRef {
  // Exactly these two keys: the bridge turns such an argument into a StockAccount.
  return { account_id: account.account_id, account_type: account.account_type };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** xttrader answers None for "failed or empty"; the port answers []. */
function listOf<T>(value: unknown): T[] {
  return Array.isArray(value) ? (value.filter(isRecord) as unknown as T[]) : [];
}

/** Each listener in turn; one that throws does not stop the others (as xtquant swallows). */
function deliver<T>(listeners: readonly ((value: T) => void)[], value: T): void {
  for (const listener of listeners) {
    try {
      listener(value);
    } catch {
      // A listener's failure is its own; the next callback must still arrive.
    }
  }
}
