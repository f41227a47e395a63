import type { GatewayEvent } from '@qmt/contracts';
import type { XtCallback } from '@qmt/domain';
import type { EventPublisher } from '@qmt/messaging';
import type { Logger } from '@qmt/observability';
import { normalizeCallback } from '../normalize/normalize-callback.js';
import type { MiniQmtSession, XtAccountRef } from './mini-qmt-session.port.js';

export interface ConnectorAccount {
  readonly accountId: string;
  readonly ref: XtAccountRef;
}

/**
 * One miniQMT session: connect, subscribe every account, and publish each callback as gateway
 * events, in callback order (one publish chain, never concurrent).
 */
export class ConnectorService {
  private chain: Promise<void> = Promise.resolve();
  private ready = false;
  private readonly accountByBrokerId: ReadonlyMap<string, string>;

  constructor(
    private readonly connectorId: string,
    private readonly session: MiniQmtSession,
    private readonly publisher: EventPublisher,
    private readonly accounts: readonly ConnectorAccount[],
    private readonly now: () => Date,
    private readonly logger: Logger,
  ) {
    this.accountByBrokerId = new Map(accounts.map((a) => [a.ref.account_id, a.accountId]));
  }

  async start(): Promise<void> {
    this.session.onCallback((callback) => this.onCallback(callback));
    await this.session.connect();
    for (const account of this.accounts) {
      const result = await this.session.subscribe(account.ref);
      if (result !== 0) {
        throw new Error(
          `subscribe of ${account.accountId} on connector ${this.connectorId} returned ${result}`,
        );
      }
    }
    await this.publishSnapshot();
    this.ready = true;
    await this.publishStatus('UP', 'session connected and accounts subscribed');
  }

  async stop(): Promise<void> {
    this.ready = false;
    await this.chain;
  }

  isReady(): boolean {
    return this.ready && this.session.isConnected();
  }

  accountRefOf(accountId: string): XtAccountRef | undefined {
    return this.accounts.find((a) => a.accountId === accountId)?.ref;
  }

  /**
   * The broker's asset and positions as of the (re)connect, published through the same
   * normalisation as pushes, so the desk shows the broker's view before anything trades.
   * (Orders and trades missed while down are the connector issue's reconciliation.)
   */
  private async publishSnapshot(): Promise<void> {
    for (const account of this.accounts) {
      const asset = await this.session.queryStockAsset(account.ref);
      if (asset !== null) {
        this.onCallback({ callback: 'on_stock_asset', data: asset });
      }
      for (const position of await this.session.queryStockPositions(account.ref)) {
        this.onCallback({ callback: 'on_stock_position', data: position });
      }
    }
    await this.chain;
  }

  private onCallback(callback: XtCallback): void {
    if (callback.callback === 'on_disconnected') {
      this.ready = false;
      this.enqueue(() => this.publishStatus('DOWN', 'miniQMT session disconnected'));
      return;
    }
    const events = normalizeCallback(callback, {
      connectorId: this.connectorId,
      accountIdOf: (brokerId) => this.accountByBrokerId.get(brokerId),
      now: this.now(),
    });
    for (const event of events) {
      this.enqueue(() => this.publish(event));
    }
  }

  private enqueue(task: () => Promise<void>): void {
    this.chain = this.chain.then(task).catch((error: unknown) => {
      // The event is lost to the bus; reconciliation on the next connect re-reads the broker.
      this.logger.error(
        { err: error, connectorId: this.connectorId },
        'publishing a broker event failed',
      );
    });
  }

  private async publish(event: GatewayEvent): Promise<void> {
    await this.publisher.publish(event);
  }

  private async publishStatus(state: 'UP' | 'DOWN', reason: string): Promise<void> {
    for (const account of this.accounts) {
      await this.publisher.publish({
        eventId: `cs:${this.connectorId}:${account.accountId}:${state}:${this.now().toISOString()}`,
        type: 'CONNECTOR_STATUS',
        accountId: account.accountId,
        ts: this.now().toISOString(),
        source: `connector:${this.connectorId}`,
        payload: { connectorId: this.connectorId, state, reason },
      });
    }
  }
}
