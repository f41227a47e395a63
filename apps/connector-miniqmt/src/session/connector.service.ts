import type { GatewayEvent } from '@qmt/contracts';
import type { XtCallback } from '@qmt/domain';
import type { EventPublisher } from '@qmt/messaging';
import type { Logger } from '@qmt/observability';
import { normalizeCallback } from '../normalize/normalize-callback.js';
import { connectorStateOf, type ConnectorState } from './connector-state.js';
import type { MiniQmtSession, XtAccountRef } from './mini-qmt-session.port.js';
import { OrderedPublisher } from './ordered-publisher.js';
import { reconcileAccount } from './reconcile.js';

export interface ConnectorAccount {
  readonly accountId: string;
  readonly ref: XtAccountRef;
}

export interface ReconnectOptions {
  /** First wait after a failed (re)connect, ms; doubles up to maxMs. */
  readonly initialMs?: number;
  readonly maxMs?: number;
}

/**
 * One miniQMT session's lifecycle (xtquant-api §5.1): connect with a fresh session id,
 * subscribe every account, reconcile, and only then report UP; on on_disconnected report DOWN
 * at once (risk stops routing) and reconnect with backoff, each attempt a new session, each
 * success reconciled again. Callbacks become gateway events in callback order.
 */
export class ConnectorService {
  private readonly out: OrderedPublisher;
  private ready = false;
  private stopped = false;
  private reason = 'not connected yet';
  private reconnecting: Promise<void> | null = null;
  private published: ConnectorState | null = null;
  private statusSeq = 0;
  private connections = 0;
  private readonly accountByBrokerId: ReadonlyMap<string, string>;
  private readonly accountStatuses = new Map<string, number>();
  private readonly upListeners: (() => void)[] = [];
  private readonly downListeners: ((reason: string) => void)[] = [];
  private readonly orderListeners: ((remark: string, brokerOrderId: number) => void)[] = [];

  constructor(
    private readonly connectorId: string,
    private readonly session: MiniQmtSession,
    publisher: EventPublisher,
    private readonly accounts: readonly ConnectorAccount[],
    private readonly now: () => Date,
    private readonly logger: Logger,
    private readonly reconnect: ReconnectOptions = {},
  ) {
    this.accountByBrokerId = new Map(accounts.map((a) => [a.ref.account_id, a.accountId]));
    this.out = new OrderedPublisher(publisher, (error, event) =>
      // The event is lost to the bus; reconciliation on the next connect re-reads the broker.
      this.logger.error(
        { err: error, connectorId: this.connectorId, eventId: event.eventId },
        'publishing a broker event failed',
      ),
    );
    session.onCallback((callback) => this.onCallback(callback));
  }

  /**
   * Brings the session up; if it cannot, reports DOWN and keeps trying in the background (the
   * process serves /health meanwhile, not ready).
   */
  async start(): Promise<void> {
    try {
      await this.bringUp();
    } catch (error) {
      this.down(`connect failed: ${messageOf(error)}`);
      this.scheduleReconnect();
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.ready = false;
    await this.out.drained();
  }

  isReady(): boolean {
    return this.ready && this.session.isConnected();
  }

  /** How many times the session came up (1 after start, +1 per reconnect). */
  connectionCount(): number {
    return this.connections;
  }

  /** Called each time the session is up and reconciled. */
  onUp(listener: () => void): void {
    this.upListeners.push(listener);
  }

  /** Called each time the connector reports DOWN (session lost, connect failed). */
  onDown(listener: (reason: string) => void): void {
    this.downListeners.push(listener);
  }

  /** Told of every order the broker reports (pushes, async responses, reconciles). */
  onBrokerOrder(listener: (remark: string, brokerOrderId: number) => void): void {
    this.orderListeners.push(listener);
  }

  /** Resolves once every event so far is on the bus. */
  drained(): Promise<void> {
    return this.out.drained();
  }

  accountRefOf(accountId: string): XtAccountRef | undefined {
    return this.accounts.find((a) => a.accountId === accountId)?.ref;
  }

  private async bringUp(): Promise<void> {
    await this.session.connect();
    for (const account of this.accounts) {
      const result = await this.session.subscribe(account.ref);
      if (result !== 0) {
        throw new Error(`subscribe of ${account.accountId} returned ${result}`);
      }
    }
    for (const account of this.accounts) {
      for (const callback of await reconcileAccount(this.session, account.ref)) {
        this.publishCallback(callback);
      }
    }
    await this.out.drained();
    if (!this.session.isConnected()) {
      throw new Error('the session dropped while reconciling');
    }
    this.connections += 1;
    this.ready = true;
    this.reason = `session ${String(this.session.sessionId())} up, ${this.accounts.length} accounts subscribed and reconciled`;
    this.publishState();
    for (const listener of this.upListeners) {
      listener();
    }
  }

  private onCallback(callback: XtCallback): void {
    if (callback.callback === 'on_disconnected') {
      this.down('miniQMT session disconnected');
      this.scheduleReconnect();
      return;
    }
    if (callback.callback === 'on_account_status') {
      this.accountStatuses.set(callback.data.account_id, callback.data.status);
      this.publishState();
      return;
    }
    this.publishCallback(callback);
  }

  private publishCallback(callback: XtCallback): void {
    if (
      callback.callback === 'on_stock_order' ||
      callback.callback === 'on_order_stock_async_response'
    ) {
      for (const listener of this.orderListeners) {
        listener(callback.data.order_remark, callback.data.order_id);
      }
    }
    const events = normalizeCallback(callback, {
      connectorId: this.connectorId,
      accountIdOf: (brokerId) => this.accountByBrokerId.get(brokerId),
      now: this.now(),
    });
    for (const event of events) {
      this.out.publish(event);
    }
  }

  private down(reason: string): void {
    this.ready = false;
    this.reason = reason;
    this.publishState();
    for (const listener of this.downListeners) {
      listener(reason);
    }
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.reconnecting !== null) {
      return;
    }
    this.reconnecting = this.reconnectLoop().finally(() => {
      this.reconnecting = null;
    });
  }

  private async reconnectLoop(): Promise<void> {
    let delay = this.reconnect.initialMs ?? 100;
    const max = this.reconnect.maxMs ?? 5_000;
    while (!this.stopped && !this.ready) {
      try {
        await this.bringUp();
        return;
      } catch (error) {
        this.logger.warn(
          { err: error, connectorId: this.connectorId, retryInMs: delay },
          'miniQMT reconnect failed',
        );
        this.reason = `reconnect failed: ${messageOf(error)}`;
        await new Promise((resolve) => setTimeout(resolve, delay));
        delay = Math.min(max, delay * 2);
      }
    }
  }

  /** CONNECTOR_STATUS on every account when the connector's state changes. */
  private publishState(): void {
    const state = connectorStateOf(
      { ready: this.ready, reason: this.reason },
      this.accountStatuses,
    );
    if (this.published?.state === state.state && this.published.reason === state.reason) {
      return;
    }
    this.published = state;
    const ts = this.now().toISOString();
    const seq = this.statusSeq++;
    for (const account of this.accounts) {
      const event: GatewayEvent = {
        eventId: `cs:${this.connectorId}:${account.accountId}:${state.state}:${ts}:${seq}`,
        type: 'CONNECTOR_STATUS',
        accountId: account.accountId,
        ts,
        source: `connector:${this.connectorId}`,
        payload: { connectorId: this.connectorId, state: state.state, reason: state.reason },
      };
      this.out.publish(event);
    }
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
