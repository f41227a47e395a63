// Commands risk puts on route.<connectorId> for the connector. A job is never retried blindly:
// the connector looks the remark up at the broker before any re-place, and refuses a job past
// expiresAt (ARCHITECTURE §2).

export interface PlaceOrderJob {
  readonly kind: 'PLACE';
  readonly orderId: string;
  readonly accountId: string;
  readonly strategyId: string;
  readonly symbol: string;
  /** xtconstant order_type. */
  readonly orderType: number;
  /** xtconstant price_type (submit side). */
  readonly priceType: number;
  /** Price in 0.0001 CNY units; 0 for non-limit price types. */
  readonly price: number;
  readonly quantity: number;
  /** The order_remark the broker echoes back: unique, ASCII, at most 23 characters. */
  readonly remark: string;
  readonly enqueuedAt: string;
  readonly expiresAt: string;
  /** The request that led to the job, for the connector's log lines (set by the queue). */
  readonly requestId?: string;
  readonly clientOrderId?: string;
}

export interface CancelOrderJob {
  readonly kind: 'CANCEL';
  readonly orderId: string;
  readonly accountId: string;
  readonly strategyId: string;
  readonly remark: string;
  readonly brokerOrderId?: number;
  readonly brokerSysId?: string;
  readonly enqueuedAt: string;
  readonly expiresAt: string;
  readonly requestId?: string;
  readonly clientOrderId?: string;
}

export type RouteJob = PlaceOrderJob | CancelOrderJob;

/** Deterministic BullMQ job id: one place and one cancel per order, ever (no ':' allowed). */
export function routeJobId(job: RouteJob): string {
  return `${job.kind.toLowerCase()}-${job.orderId}`;
}
