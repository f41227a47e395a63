import { routeJobId, routeQueueName, type RouteJob } from '@qmt/contracts';
import type { QueueBacklogSample } from '@qmt/observability';
import { inJobContext, withRequestOf } from './job-context.js';
import { BullMqQueueSet, type BullMqConfig } from './bullmq-queue-set.js';
import {
  POSTGRES_ROUTE_WORKER_CONCURRENCY,
  ROUTE_WORKER_CONCURRENCY,
  RouteQueue,
  type RouteOutcome,
  type RouteWorkerOptions,
} from '../ports/route-queue.port.js';

/** Where the route queues live (the algo queues use the same). */
export type RouteQueueConfig = BullMqConfig;

/** What BullMQ holds about one route job (for diagnostics and tests). */
export interface RouteJobRecord {
  /** BullMQ job state: waiting, active, completed, failed, ... */
  readonly state: string;
  /** The handler's outcome, once completed. */
  readonly outcome?: RouteOutcome;
  /** Why the handler threw, once failed. */
  readonly failedReason?: string;
  readonly attemptsMade: number;
}

// Finished jobs are kept a day (at most this many): while a job is kept, adding it again is a
// no-op, which is what makes a duplicate enqueue harmless; a route job expires long before.
const KEEP_FINISHED = { age: 24 * 3600, count: 50_000 };
// A connector killed mid-job leaves its jobs locked; BullMQ's 30 s lock and 30 s check kept
// those orders in flight for 60–90 s after the restart. A short lock hands them to the new
// worker within ~15 s, where the remark look-up settles them without placing again.
const LOCK = { lockDuration: 10_000, stalledInterval: 5_000 } as const;

/**
 * route.<connectorId> on BullMQ, on Redis or on BullMQ's PostgreSQL backend (the desk without
 * Redis). One attempt only: a route job is never retried blindly (ARCHITECTURE §2), so a handler
 * that throws fails its job for good. The job id is deterministic (routeJobId), so adding the same
 * job twice keeps one; the handler's RouteOutcome is the job's return value.
 */
export class BullMqRouteQueue extends RouteQueue {
  private readonly queues: BullMqQueueSet<RouteJob, RouteOutcome>;
  private readonly kind: RouteQueueConfig['kind'];

  constructor(config: RouteQueueConfig) {
    super();
    this.kind = config.kind;
    this.queues = new BullMqQueueSet(config, routeQueueName);
  }

  async enqueue(connectorId: string, job: RouteJob): Promise<void> {
    await this.queues
      .queue(connectorId)
      .add(job.kind, withRequestOf(job, { clientOrderId: true }), {
        jobId: routeJobId(job),
        attempts: 1,
        removeOnComplete: KEEP_FINISHED,
        removeOnFail: KEEP_FINISHED,
      });
  }

  async work(
    connectorId: string,
    handler: (job: RouteJob) => Promise<RouteOutcome>,
    options: RouteWorkerOptions = {},
  ): Promise<void> {
    await this.queues.work(connectorId, (job) => inJobContext(job.data, () => handler(job.data)), {
      concurrency:
        options.concurrency ??
        (this.kind === 'redis' ? ROUTE_WORKER_CONCURRENCY : POSTGRES_ROUTE_WORKER_CONCURRENCY),
      ...LOCK,
    });
  }

  /** Jobs of a connector not finished yet (waiting, delayed or running). */
  count(connectorId: string): Promise<number> {
    return this.queues.unfinished(connectorId);
  }

  override backlog(): Promise<QueueBacklogSample[]> {
    return this.queues.backlog();
  }

  /** State and outcome of a job, while BullMQ keeps it; undefined if unknown. */
  async record(connectorId: string, job: RouteJob): Promise<RouteJobRecord | undefined> {
    const queue = this.queues.queue(connectorId);
    const id = routeJobId(job);
    // State first: a finished job does not change any more, so what is read next matches it.
    const state = await queue.getJobState(id);
    const stored = await queue.getJob(id);
    if (state === 'unknown' || stored === undefined) {
      return undefined;
    }
    return {
      state,
      attemptsMade: stored.attemptsMade,
      ...(state === 'completed' ? { outcome: stored.returnvalue as RouteOutcome } : {}),
      ...(state === 'failed' && stored.failedReason !== undefined
        ? { failedReason: stored.failedReason }
        : {}),
    };
  }

  close(): Promise<void> {
    return this.queues.close();
  }
}
