import type { CancelOrderJob, PlaceOrderJob, RouteJob } from '@qmt/contracts';
import type { XtOrder } from '@qmt/domain';
import { asPrice, priceToYuan, routeRefusedEventId } from '@qmt/domain';
import type { EventPublisher, RouteOutcome } from '@qmt/messaging';
import type { MiniQmtSession, XtAccountRef } from '../session/mini-qmt-session.port.js';
import type { RateLimiter } from '../session/rate-limiter.js';
import type { RemarkIndex } from './remark-index.js';

const CLOCK_SKEW_MS = 2_000;

export interface RouteWorkerDeps {
  readonly connectorId: string;
  readonly session: MiniQmtSession;
  readonly publisher: EventPublisher;
  readonly now: () => Date;
  /** Gateway account id → the broker account the session knows. */
  readonly accountRefOf: (accountId: string) => XtAccountRef | undefined;
  /** Up, subscribed and reconciled (default: the session is connected). */
  readonly isReady?: () => boolean;
  /** Remarks known at the broker; without it every place queries the broker first. */
  readonly remarks?: RemarkIndex;
  /** Epoch ms of the last reconcile: jobs enqueued before it are looked up at the broker. */
  readonly reconciledAt?: () => number;
  /** Requests towards miniQMT wait for a token here. */
  readonly limiter?: RateLimiter;
  /** How often, and how far apart, the broker is asked for an order it should have by now. */
  readonly lookupAttempts?: number;
  readonly lookupDelayMs?: number;
}

/**
 * Executes route jobs against the session. A job is never sent late (expired, also after
 * waiting for the rate limit → refused) and never sent twice: before placing, the remark is
 * looked up at the broker (a redelivered job, a lost ack, a crash mid-job), and a place that
 * answers -1 is an unknown outcome settled by looking the remark up, never by a retry.
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
    if (job.kind === 'PLACE') {
      return this.place(account, job);
    }
    const unavailable = this.unavailable(job);
    return unavailable === null ? this.cancel(account, job) : this.refuse(job, unavailable);
  }

  private unavailable(job: RouteJob): string | null {
    if (this.deps.now().getTime() > Date.parse(job.expiresAt)) {
      return `the route job expired at ${job.expiresAt} before the connector sent it`;
    }
    return this.ready() ? null : `connector ${this.deps.connectorId} is not connected to miniQMT`;
  }

  private ready(): boolean {
    return this.deps.isReady?.() ?? this.deps.session.isConnected();
  }

  /**
   * The remark is looked up before anything else, expiry included: a job redelivered after a
   * crash whose order is at the broker is SENT, however old (refusing it would reject an order
   * that lives).
   */
  private async place(account: XtAccountRef, job: PlaceOrderJob): Promise<RouteOutcome> {
    const known = this.deps.remarks?.lookup(job.remark);
    if (known !== undefined) {
      return known === null ? { kind: 'SENT' } : { kind: 'SENT', brokerOrderId: known };
    }
    const unavailable = this.unavailable(job);
    if (unavailable !== null && !this.ready()) {
      return this.refuse(job, unavailable);
    }
    if (this.mayBeAtBroker(job)) {
      const existing = await this.byRemark(account, job.remark);
      if (existing !== undefined) {
        // Already at the broker (a redelivered job, a lost ack): never place it again.
        this.deps.remarks?.remember(job.remark, existing.order_id);
        return { kind: 'SENT', brokerOrderId: existing.order_id };
      }
    }
    if (unavailable !== null) {
      return this.refuse(job, unavailable);
    }
    await this.deps.limiter?.take();
    const late = this.unavailable(job);
    if (late !== null) {
      return this.refuse(job, late);
    }
    this.deps.remarks?.remember(job.remark);
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
    if (seq > 0) {
      return { kind: 'SENT' };
    }
    // -1 does not mean "not placed" (anchors §5): the broker's books decide.
    const placed = await this.findAtBroker(account, job.remark);
    if (placed !== undefined) {
      return { kind: 'SENT', brokerOrderId: placed.order_id };
    }
    this.deps.remarks?.forget(job.remark);
    return this.refuse(
      job,
      `order_stock_async returned ${seq} and the broker has no order ${job.remark}`,
    );
  }

  private async cancel(account: XtAccountRef, job: CancelOrderJob): Promise<RouteOutcome> {
    const brokerOrderId =
      job.brokerOrderId ?? (await this.findAtBroker(account, job.remark))?.order_id;
    if (brokerOrderId === undefined) {
      return this.refuse(job, `order ${job.orderId} is not known at the broker`);
    }
    await this.deps.limiter?.take();
    const late = this.unavailable(job);
    if (late !== null) {
      return this.refuse(job, late);
    }
    // The answer of a cancel lies both ways (anchors §5): the statuses that follow tell.
    const seq = await this.deps.session.cancelOrderStockAsync(account, brokerOrderId);
    if (seq < 0 && !this.deps.session.isConnected()) {
      return this.refuse(job, `connector ${this.deps.connectorId} lost miniQMT while cancelling`);
    }
    return { kind: 'SENT', brokerOrderId };
  }

  /** Whether anyone but this process, since the last reconcile, can have placed the job. */
  private mayBeAtBroker(job: PlaceOrderJob): boolean {
    if (this.deps.remarks === undefined || this.deps.reconciledAt === undefined) {
      return true;
    }
    // A margin for the clocks of risk (enqueuedAt) and of this process not agreeing.
    return Date.parse(job.enqueuedAt) <= this.deps.reconciledAt() + CLOCK_SKEW_MS;
  }

  private async byRemark(account: XtAccountRef, remark: string): Promise<XtOrder | undefined> {
    return (await this.deps.session.queryStockOrders(account)).find(
      (o) => o.order_remark === remark,
    );
  }

  /**
   * The broker's order of a remark, asked again for a short while: the terminal's cache lags
   * the counter (§5.16), and a cancel can be taken before its own place job (the worker runs
   * several jobs at once). Nothing is ever placed here.
   */
  private async findAtBroker(account: XtAccountRef, remark: string): Promise<XtOrder | undefined> {
    const attempts = this.deps.lookupAttempts ?? 10;
    for (let attempt = 0; attempt < attempts; attempt += 1) {
      const order = await this.byRemark(account, remark);
      if (order !== undefined) {
        return order;
      }
      if (attempt + 1 < attempts) {
        await new Promise((resolve) => setTimeout(resolve, this.deps.lookupDelayMs ?? 100));
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
