import type { CancelOrderJob, PlaceOrderJob, RouteJob } from '@qmt/contracts';
import { asPrice, priceToYuan, routeRefusedEventId } from '@qmt/domain';
import type { EventPublisher, RouteOutcome } from '@qmt/messaging';
import type { MiniQmtSession, XtAccountRef } from '../session/mini-qmt-session.port.js';

export interface RouteWorkerDeps {
  readonly connectorId: string;
  readonly session: MiniQmtSession;
  readonly publisher: EventPublisher;
  readonly now: () => Date;
  /** Gateway account id → the broker account the session knows. */
  readonly accountRefOf: (accountId: string) => XtAccountRef | undefined;
  /** How often, and how far apart, a cancel looks for an order not yet at the broker. */
  readonly cancelLookupAttempts?: number;
  readonly cancelLookupDelayMs?: number;
}

/**
 * Executes route jobs against the session. A job is never sent late (expired → refused) and
 * never sent twice: before placing, the remark is looked up at the broker (xtquant-api §5.7).
 */
export class RouteWorker {
  constructor(private readonly deps: RouteWorkerDeps) {}

  async handle(job: RouteJob): Promise<RouteOutcome> {
    const account = this.deps.accountRefOf(job.accountId);
    if (account === undefined) {
      return this.refuse(
        job,
        `account ${job.accountId} is not served by connector ${this.deps.connectorId}`,
      );
    }
    if (this.deps.now().getTime() > Date.parse(job.expiresAt)) {
      return this.refuse(
        job,
        `the route job expired at ${job.expiresAt} before the connector took it`,
      );
    }
    if (!this.deps.session.isConnected()) {
      return this.refuse(job, `connector ${this.deps.connectorId} is not connected to miniQMT`);
    }
    return job.kind === 'PLACE' ? this.place(account, job) : this.cancel(account, job);
  }

  private async place(account: XtAccountRef, job: PlaceOrderJob): Promise<RouteOutcome> {
    const existing = (await this.deps.session.queryStockOrders(account)).find(
      (order) => order.order_remark === job.remark,
    );
    if (existing !== undefined) {
      // Already at the broker (a redelivered job, or a lost ack): never place it again.
      return { kind: 'SENT', brokerOrderId: existing.order_id };
    }
    const seq = await this.deps.session.orderStockAsync(
      account,
      job.symbol,
      job.orderType,
      job.quantity,
      job.priceType,
      job.price === 0 ? 0 : priceToYuan(asPrice(job.price)),
      job.strategyId,
      job.remark,
    );
    if (seq < 0) {
      // The outcome is unknown (xtquant-api §5.7): report, do not retry; reconciliation decides.
      return { kind: 'REFUSED', reason: `order_stock_async returned ${seq}` };
    }
    return { kind: 'SENT' };
  }

  private async cancel(account: XtAccountRef, job: CancelOrderJob): Promise<RouteOutcome> {
    const brokerOrderId = job.brokerOrderId ?? (await this.findAtBroker(account, job.remark));
    if (brokerOrderId === undefined) {
      return this.refuse(job, `order ${job.orderId} is not known at the broker`);
    }
    await this.deps.session.cancelOrderStockAsync(account, brokerOrderId);
    return { kind: 'SENT', brokerOrderId };
  }

  /**
   * The broker's id of an order by its remark. A cancel can be taken before its own place job
   * (the worker runs several jobs at once), so a miss is looked up again for a short while
   * before the cancel is refused; nothing is ever placed here.
   */
  private async findAtBroker(account: XtAccountRef, remark: string): Promise<number | undefined> {
    const attempts = this.deps.cancelLookupAttempts ?? 10;
    for (let attempt = 0; attempt < attempts; attempt += 1) {
      const order = (await this.deps.session.queryStockOrders(account)).find(
        (o) => o.order_remark === remark,
      );
      if (order !== undefined) {
        return order.order_id;
      }
      if (attempt + 1 < attempts) {
        await new Promise((resolve) => setTimeout(resolve, this.deps.cancelLookupDelayMs ?? 100));
      }
    }
    return undefined;
  }

  private async refuse(job: RouteJob, reason: string): Promise<RouteOutcome> {
    await this.deps.publisher.publish({
      eventId: routeRefusedEventId(job.accountId, job.orderId, job.kind),
      type: 'ROUTE_REFUSED',
      accountId: job.accountId,
      orderId: job.orderId,
      strategyId: job.strategyId,
      ts: this.deps.now().toISOString(),
      source: `connector:${this.deps.connectorId}`,
      payload: { jobKind: job.kind, rule: 'CONNECTOR_UNAVAILABLE', reason },
    });
    return { kind: 'REFUSED', reason };
  }
}
