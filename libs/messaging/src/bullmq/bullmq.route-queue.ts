import { routeJobId, routeQueueName, type RouteJob } from '@qmt/contracts';
import type { QueueBacklogSample } from '@qmt/observability';
import { Queue, Worker, createPostgresBackend, withBackend, type ConnectionOptions } from 'bullmq';
import { inJobContext, withRequestOf } from './job-context.js';
import { queueBacklog, type BacklogSource } from './queue-backlog.js';
import {
  RouteQueue,
  type RouteOutcome,
  type RouteWorkerOptions,
} from '../ports/route-queue.port.js';

export type RouteQueueConfig = (
  | {
      readonly kind: 'redis';
      /** ioredis options (`{ url }` or host/port) or a client; workers need maxRetriesPerRequest null. */
      readonly connection: ConnectionOptions;
      /** BullMQ key prefix (default 'bull'). */
      readonly prefix?: string;
    }
  | {
      readonly kind: 'postgres';
      readonly connectionString: string;
      /** Schema BullMQ creates and migrates for its tables (default 'bullmq'). */
      readonly schema?: string;
    }
) & {
  /** Told of connection errors of queues and workers (BullMQ retries them itself). */
  readonly onError?: (error: unknown) => void;
};

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

interface StoredJob {
  readonly returnvalue: unknown;
  readonly failedReason?: string;
  readonly attemptsMade: number;
}

interface QueueLike extends BacklogSource {
  add(name: string, data: RouteJob, opts: Record<string, unknown>): Promise<unknown>;
  getJob(jobId: string): Promise<StoredJob | undefined>;
  getJobState(jobId: string): Promise<string>;
  on(event: 'error', listener: (error: Error) => void): unknown;
  close(): Promise<void>;
}

interface WorkerLike {
  on(event: 'error', listener: (error: Error) => void): unknown;
  waitUntilReady(): Promise<unknown>;
  close(): Promise<void>;
}

type Processor = (job: { data: RouteJob }) => Promise<RouteOutcome>;

/**
 * route.<connectorId> on BullMQ, on Redis or on BullMQ's PostgreSQL backend (the desk without
 * Redis). One attempt only: a route job is never retried blindly (ARCHITECTURE §2), so a handler
 * that throws fails its job for good. The job id is deterministic (routeJobId), so adding the same
 * job twice keeps one; the handler's RouteOutcome is the job's return value.
 */
export class BullMqRouteQueue extends RouteQueue {
  private readonly queues = new Map<string, QueueLike>();
  private readonly workers: WorkerLike[] = [];
  private readonly pg = withBackend(createPostgresBackend);

  constructor(private readonly config: RouteQueueConfig) {
    super();
  }

  async enqueue(connectorId: string, job: RouteJob): Promise<void> {
    await this.queue(connectorId).add(job.kind, withRequestOf(job, { clientOrderId: true }), {
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
    const name = routeQueueName(connectorId);
    const processor: Processor = (job) => inJobContext(job.data, () => handler(job.data));
    // The queue too, so this process's /metrics shows the depth of the queue it works.
    this.queue(connectorId);
    const concurrency = options.concurrency ?? 8;
    const worker: WorkerLike =
      this.config.kind === 'redis'
        ? new Worker<RouteJob, RouteOutcome>(name, processor, {
            connection: this.config.connection,
            concurrency,
            ...(this.config.prefix === undefined ? {} : { prefix: this.config.prefix }),
          })
        : new this.pg.Worker<RouteJob, RouteOutcome>(name, processor, {
            connection: this.postgresConnection(),
            concurrency,
          });
    // An EventEmitter 'error' with no listener would crash the process.
    worker.on('error', (error) => this.report(error));
    this.workers.push(worker);
    await worker.waitUntilReady();
  }

  /** Jobs of a connector not finished yet (waiting, delayed or running). */
  async count(connectorId: string): Promise<number> {
    const counts = await this.queue(connectorId).getJobCounts('waiting', 'active', 'delayed');
    return Object.values(counts).reduce((sum, n) => sum + n, 0);
  }

  override backlog(): Promise<QueueBacklogSample[]> {
    const now = Date.now();
    return Promise.all(
      [...this.queues].map(([connectorId, queue]) =>
        queueBacklog(routeQueueName(connectorId), queue, now),
      ),
    );
  }

  /** State and outcome of a job, while BullMQ keeps it; undefined if unknown. */
  async record(connectorId: string, job: RouteJob): Promise<RouteJobRecord | undefined> {
    const queue = this.queue(connectorId);
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

  async close(): Promise<void> {
    const workers = this.workers.splice(0);
    const queues = [...this.queues.values()];
    this.queues.clear();
    await Promise.all(workers.map((w) => w.close()));
    await Promise.all(queues.map((q) => q.close()));
  }

  private queue(connectorId: string): QueueLike {
    const existing = this.queues.get(connectorId);
    if (existing !== undefined) {
      return existing;
    }
    const name = routeQueueName(connectorId);
    const queue: QueueLike =
      this.config.kind === 'redis'
        ? new Queue<RouteJob, RouteOutcome>(name, {
            connection: this.config.connection,
            ...(this.config.prefix === undefined ? {} : { prefix: this.config.prefix }),
          })
        : new this.pg.Queue<RouteJob, RouteOutcome>(name, {
            connection: this.postgresConnection(),
          });
    queue.on('error', (error) => this.report(error));
    this.queues.set(connectorId, queue);
    return queue;
  }

  private postgresConnection() {
    if (this.config.kind !== 'postgres') {
      throw new Error('not a postgres route queue');
    }
    // migrate: true, or BullMQ loops on SchemaMigrationRequiredError (stack notes).
    return {
      connectionString: this.config.connectionString,
      schema: this.config.schema ?? 'bullmq',
      migrate: true,
    };
  }

  private report(error: unknown): void {
    try {
      this.config.onError?.(error);
    } catch {
      // A failing error callback must not become an unhandled 'error' event.
    }
  }
}
