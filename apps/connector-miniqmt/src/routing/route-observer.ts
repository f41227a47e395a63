import type { GatewayEvent, RouteJob } from '@qmt/contracts';
import { EventPublisher, type RouteOutcome } from '@qmt/messaging';
import { OrderStage, type GatewayMetrics } from '@qmt/observability';

/** Orders remembered at once, and for how long (wall ms): enough for any ack to come back. */
const REMEMBERED = 10_000;
const REMEMBER_MS = 5 * 60_000;

interface Remembered {
  readonly requestId: string | undefined;
  /** Exchange epoch ms the PLACE job was enqueued at, until the broker first reports it. */
  enqueuedAtMs: number | null;
  readonly rememberedAt: number;
}

/**
 * What the connector's metrics and logs need from the route jobs: job outcomes, route job →
 * broker ack latency (from risk's enqueue to the broker's first report of the remark), and the
 * request id of each order, which its broker events then carry on the bus.
 */
export class RouteObserver {
  private readonly orders = new Map<string, Remembered>();
  private readonly remarks = new Map<string, string>();

  constructor(
    private readonly connectorId: string,
    private readonly metrics: GatewayMetrics,
    private readonly clock: { now(): Date; readonly scale: number },
  ) {}

  jobStarted(job: RouteJob): void {
    this.forgetOld();
    const known = this.orders.get(job.orderId);
    const enqueuedAtMs = job.kind === 'PLACE' ? Date.parse(job.enqueuedAt) : null;
    this.orders.set(job.orderId, {
      requestId: job.requestId ?? known?.requestId,
      enqueuedAtMs: known?.enqueuedAtMs ?? (Number.isFinite(enqueuedAtMs) ? enqueuedAtMs : null),
      rememberedAt: Date.now(),
    });
    if (job.kind === 'PLACE') {
      this.remarks.set(job.remark, job.orderId);
    }
  }

  jobFinished(job: RouteJob, outcome: RouteOutcome | 'FAILED'): void {
    this.metrics.connector.routeJobs.inc({
      connector: this.connectorId,
      kind: job.kind,
      outcome: outcome === 'FAILED' ? 'FAILED' : outcome.kind,
    });
  }

  /** The broker reported an order by its remark: the first report of a routed place is its ack. */
  brokerOrderSeen(remark: string): void {
    const orderId = this.remarks.get(remark);
    const order = orderId === undefined ? undefined : this.orders.get(orderId);
    if (order?.enqueuedAtMs === null || order === undefined) {
      return;
    }
    const seconds = (this.clock.now().getTime() - order.enqueuedAtMs) / 1000 / this.clock.scale;
    this.metrics.flow.stageDuration.observe(
      { stage: OrderStage.ROUTE_TO_BROKER_ACK },
      Math.max(0, seconds),
    );
    order.enqueuedAtMs = null;
  }

  requestIdOf(orderId: string | undefined): string | undefined {
    return orderId === undefined ? undefined : this.orders.get(orderId)?.requestId;
  }

  private forgetOld(): void {
    const now = Date.now();
    for (const [orderId, order] of this.orders) {
      if (this.orders.size < REMEMBERED && now - order.rememberedAt < REMEMBER_MS) {
        return;
      }
      // Insertion order is age order: the first entry is the oldest.
      this.orders.delete(orderId);
    }
    for (const [remark, orderId] of this.remarks) {
      if (this.orders.has(orderId)) {
        return;
      }
      this.remarks.delete(remark);
    }
  }
}

/**
 * The connector's publisher: counts events by type and adds the request id of the order an
 * event concerns (the envelope's optional requestId), so the OMS's log lines of a fill name the
 * request that placed the order.
 */
export class ObservedPublisher extends EventPublisher {
  constructor(
    private readonly inner: EventPublisher,
    private readonly connectorId: string,
    private readonly metrics: GatewayMetrics,
    private readonly observer: RouteObserver,
  ) {
    super();
  }

  publish(event: GatewayEvent): Promise<string> {
    return this.inner.publish(this.observed(event));
  }

  override publishBatch(events: readonly GatewayEvent[]): Promise<PromiseSettledResult<string>[]> {
    return this.inner.publishBatch(events.map((event) => this.observed(event)));
  }

  private observed(event: GatewayEvent): GatewayEvent {
    this.metrics.connector.eventsPublished.inc({ connector: this.connectorId, type: event.type });
    const requestId = event.requestId ?? this.observer.requestIdOf(event.orderId);
    return requestId === undefined ? event : { ...event, requestId };
  }
}
