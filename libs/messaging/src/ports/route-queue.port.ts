import type { RouteJob } from '@qmt/contracts';
import type { QueueBacklogSample } from '@qmt/observability';

/** Outcome the connector reports for one route job; it never asks for a blind retry. */
export type RouteOutcome =
  | { readonly kind: 'SENT'; readonly brokerOrderId?: number }
  | { readonly kind: 'REFUSED'; readonly reason: string };

/** Route jobs a connector's worker runs at once unless told otherwise. */
export const ROUTE_WORKER_CONCURRENCY = 8;

export interface RouteWorkerOptions {
  /** Default ROUTE_WORKER_CONCURRENCY. */
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
