import type { XtAsset, XtCallback, XtOrder, XtPosition, XtTrade } from '@qmt/domain';
import type { XtAccountRef } from '../session/mini-qmt-session.port.js';
import { BridgeError, BridgeErrorCode } from './bridge-error.js';
import { BridgeSurface, isRecord, listOf, ref } from './bridge-surface.js';
import { BridgeLink, type BridgeLinkHandler, type BridgeLinkOptions } from './bridge-link.js';
import {
  BRIDGE_PROTOCOL_VERSION,
  type BridgeEvent,
  type BridgeQuote,
  type BridgeTraderState,
} from './bridge-protocol.js';

export type { BridgeTlsOptions } from './bridge-link.js';

export interface BridgeSessionOptions extends BridgeLinkOptions {
  /** connect() gives up (and stops trying) after this long. */
  readonly connectTimeoutMs?: number;
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

/**
 * Bridge refusals after which reconnecting would be wrong: fix the token, the version, or the
 * deployment (SUPERSEDED: another live client holds the bridge; taking it back would make two
 * connectors fight over one miniQMT session).
 */
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
export class BridgeMiniQmtSession extends BridgeSurface {
  private readonly link: BridgeLink;
  private trader: BridgeTraderState = 'disconnected';
  private up = false;
  /** Set once an outage is announced, so the bridge's own on_disconnected is not doubled. */
  private downAnnounced = true;
  /** Bumped on every state change, so a resubscription that finishes late is ignored. */
  private epoch = 0;
  private liveSessionId: number | null = null;
  private bridgeId: string | null = null;
  private methods: { trader: readonly string[]; xtdata: readonly string[] } = {
    trader: [],
    xtdata: [],
  };
  private readonly accounts = new Map<string, XtAccountRef>();
  private readonly listeners: ((callback: XtCallback) => void)[] = [];
  private readonly eventListeners: ((event: BridgeEvent) => void)[] = [];
  private readonly quoteListeners: ((quote: BridgeQuote) => void)[] = [];
  private readonly statusListeners: ((status: BridgeSessionStatus) => void)[] = [];
  private waiters: Waiter[] = [];

  constructor(private readonly options: BridgeSessionOptions) {
    super();
    const handler: BridgeLinkHandler = {
      onMessage: (message) => this.onMessage(message),
      onClosed: (fatal) => this.onLinkClosed(fatal),
    };
    this.link = new BridgeLink(options, handler);
  }

  // --- MiniQmtSession -----------------------------------------------------------------------

  /** Resolves once the bridge's trader is connected and known accounts are subscribed. */
  async connect(): Promise<void> {
    if (this.up) {
      return;
    }
    const waiter = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    this.link.start();
    const timeoutMs = this.options.connectTimeoutMs ?? 30_000;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const why = this.link.lastError;
        reject(
          new BridgeError(
            BridgeErrorCode.TIMEOUT,
            `bridge ${this.options.host}:${this.options.port} not up within ${timeoutMs} ms` +
              (why === undefined ? '' : `; last link error: ${why}`),
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
    await this.link.stop();
    this.rejectWaiters(new BridgeError(BridgeErrorCode.NOT_SENT, 'session disconnected'));
  }

  isConnected(): boolean {
    return this.up;
  }

  onCallback(listener: (callback: XtCallback) => void): void {
    this.listeners.push(listener);
  }

  async subscribe(account: XtAccountRef): Promise<number> {
    const result = await this.refusedAsMinusOne(() =>
      this.link.request('subscribe', [ref(account)]),
    );
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
      this.link.request('order_stock_async', [
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
      this.link.request('cancel_order_stock_async', [ref(account), orderId]),
    );
  }

  async queryStockOrders(account: XtAccountRef, cancelableOnly = false): Promise<XtOrder[]> {
    return listOf<XtOrder>(
      await this.link.request('query_stock_orders', [ref(account), cancelableOnly]),
    );
  }

  async queryStockTrades(account: XtAccountRef): Promise<XtTrade[]> {
    return listOf<XtTrade>(await this.link.request('query_stock_trades', [ref(account)]));
  }

  async queryStockAsset(account: XtAccountRef): Promise<XtAsset | null> {
    const asset = await this.link.request('query_stock_asset', [ref(account)]);
    return isRecord(asset) ? (asset as unknown as XtAsset) : null;
  }

  async queryStockPositions(account: XtAccountRef): Promise<XtPosition[]> {
    return listOf<XtPosition>(await this.link.request('query_stock_positions', [ref(account)]));
  }

  // --- the rest of the surface --------------------------------------------------------------

  /**
   * Any whitelisted XtQuantTrader method by name, or `xtdata.<name>`, with positional args and
   * keyword args; an {account_id, account_type} argument becomes a StockAccount on the bridge.
   * Rejects with a BridgeError (see its codes for whether the call can have been executed).
   */
  override call(
    method: string,
    args: readonly unknown[] = [],
    kwargs?: Readonly<Record<string, unknown>>,
  ): Promise<unknown> {
    return this.link.request(method, args, kwargs);
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
      link: this.link.isOpen ? 'open' : 'down',
      trader: this.trader,
      sessionId: this.liveSessionId,
      bridgeId: this.bridgeId,
      reason: '',
    };
  }

  /** What the bridge's xtquant build offers (its welcome), for the capability list. */
  bridgeCapabilities(): { trader: readonly string[]; xtdata: readonly string[] } {
    return this.methods;
  }

  sessionId(): number | null {
    return this.up ? this.liveSessionId : null;
  }

  protected buildMethods(): {
    readonly trader: readonly string[];
    readonly xtdata: readonly string[];
  } {
    return this.methods;
  }

  protected subscribedAccountTypes(): readonly number[] {
    return [...this.accounts.values()].map((a) => a.account_type);
  }

  protected numberOf(method: string, args: readonly unknown[]): Promise<number> {
    return this.refusedAsMinusOne(() => this.link.request(method, args));
  }

  // --- what the bridge says -----------------------------------------------------------------

  private onMessage(message: Parameters<BridgeLinkHandler['onMessage']>[0]): void {
    switch (message.type) {
      case 'welcome':
        if (message.protocol !== BRIDGE_PROTOCOL_VERSION) {
          this.link.refuse(
            new BridgeError(BridgeErrorCode.PROTOCOL_VERSION, `bridge speaks ${message.protocol}`),
          );
          return;
        }
        this.link.welcomed();
        this.bridgeId = message.bridge_id;
        this.liveSessionId = message.session_id;
        this.methods = message.capabilities;
        if (message.dropped_events > 0) {
          this.options.logger?.warn(
            { dropped: message.dropped_events },
            'the bridge dropped events while no client was connected; reconcile',
          );
        }
        this.applyTrader(message.trader, message.accounts, 'welcome');
        return;
      case 'status':
        this.liveSessionId = message.session_id;
        this.applyTrader(message.trader, message.accounts, message.reason);
        return;
      case 'event':
        this.onEventMessage(message);
        return;
      case 'quote':
        this.deliverQuote(message);
        deliver(this.quoteListeners, message);
        return;
      case 'error':
        this.options.logger?.warn({ code: message.code, reason: message.message }, 'bridge error');
        if (FATAL_CODES.has(message.code)) {
          this.link.refuse(new BridgeError(message.code, message.message));
        }
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
      if (epoch !== this.epoch || this.trader !== 'connected' || !this.link.isOpen) {
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
        const result = await this.link.request('subscribe', [ref(account)]);
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

  private onLinkClosed(fatal: BridgeError | undefined): void {
    this.trader = 'disconnected';
    this.markDown('bridge link closed');
    if (fatal !== undefined) {
      this.rejectWaiters(fatal);
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
