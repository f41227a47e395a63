import type { RouteJob } from '@qmt/contracts';
import type { QueueBacklogSample } from '@qmt/observability';

/** Outcome the connector reports for one route job; it never asks for a blind retry. */
export type RouteOutcome =
  | { readonly kind: 'SENT'; readonly brokerOrderId?: number }
  | { readonly kind: 'REFUSED'; readonly reason: string };

/**
 * Route jobs a connector's worker runs at once unless told otherwise (on Redis). More jobs in
 * flight put more of their BullMQ commands in each coalesced write (bullMqConnection): in the
 * connector bench 32 drained 5,302–6,768 orders/s where 8 drained 4,683–4,934 (docs/benchmarks.md).
 * The rate limit towards miniQMT still applies to every one of them.
 */
export const ROUTE_WORKER_CONCURRENCY = 32;
/** The same on BullMQ's PostgreSQL backend (the all-in-one desk), where each job is a transaction. */
export const POSTGRES_ROUTE_WORKER_CONCURRENCY = 8;

export interface RouteWorkerOptions {
  /** Default ROUTE_WORKER_CONCURRENCY (POSTGRES_ROUTE_WORKER_CONCURRENCY on PostgreSQL). */
  readonly concurrency?: number;
}

/** BullMQ queue route.<connectorId> between risk and the connector owning the account. */
export abstract class RouteQueue {
  /** Adds the job with its deterministic id; adding the same job twice keeps one. */
  abstract enqueue(connectorId: string, job: RouteJob): Promise<void>;
  /** Processes the connector's queue; the handler's outcome is stored as the job result. */
  abstract work(
    connectorId: string,
    handler: (job: RouteJob) => Promise<RouteOutcome>,
    options?: RouteWorkerOptions,
  ): Promise<void>;
  /** Closes queues and workers, letting in-flight jobs finish. */
  abstract close(): Promise<void>;
  /** Depth and oldest waiting job of every route queue this process fills or works. */
  backlog(): Promise<readonly QueueBacklogSample[]> {
    return Promise.resolve([]);
  }
}
