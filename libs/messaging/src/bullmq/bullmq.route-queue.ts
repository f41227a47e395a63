import { routeJobId, routeQueueName, type RouteJob } from '@qmt/contracts';
import { Queue, Worker, createPostgresBackend, withBackend, type ConnectionOptions } from 'bullmq';
import {
  RouteQueue,
  type RouteOutcome,
  type RouteWorkerOptions,
} from '../ports/route-queue.port.js';

export type RouteQueueConfig =
  | { readonly kind: 'redis'; readonly connection: ConnectionOptions; readonly prefix?: string }
  | { readonly kind: 'postgres'; readonly connectionString: string; readonly schema?: string };

interface QueueLike {
  add(name: string, data: RouteJob, opts: Record<string, unknown>): Promise<unknown>;
  getJobCounts(...types: string[]): Promise<Record<string, number>>;
  waitUntilReady(): Promise<unknown>;
  close(): Promise<void>;
}

interface WorkerLike {
  close(): Promise<void>;
  waitUntilReady(): Promise<unknown>;
}

type Processor = (job: { data: RouteJob }) => Promise<RouteOutcome>;

/**
 * route.<connectorId> on BullMQ, on Redis or on BullMQ's PostgreSQL backend (the desk without
 * Redis). One attempt only: a route job is never retried blindly (ARCHITECTURE §2); the job id
 * is deterministic, so adding the same job twice keeps one.
 */
export class BullMqRouteQueue extends RouteQueue {
  private readonly queues = new Map<string, QueueLike>();
  private readonly workers: WorkerLike[] = [];
  private readonly pg = withBackend(createPostgresBackend);

  constructor(private readonly config: RouteQueueConfig) {
    super();
  }

  private queue(connectorId: string): QueueLike {
    const existing = this.queues.get(connectorId);
    if (existing !== undefined) {
      return existing;
    }
    const name = routeQueueName(connectorId);
    const queue: QueueLike =
      this.config.kind === 'redis'
        ? new Queue<RouteJob>(name, {
            connection: this.config.connection,
            ...(this.config.prefix === undefined ? {} : { prefix: this.config.prefix }),
          })
        : new this.pg.Queue<RouteJob>(name, { connection: this.postgresConnection() });
    this.queues.set(connectorId, queue);
    return queue;
  }

  private postgresConnection() {
    if (this.config.kind !== 'postgres') {
      throw new Error('not a postgres route queue');
    }
    return {
      connectionString: this.config.connectionString,
      schema: this.config.schema ?? 'bullmq',
      migrate: true,
    };
  }

  async enqueue(connectorId: string, job: RouteJob): Promise<void> {
    await this.queue(connectorId).add(job.kind, job, {
      jobId: routeJobId(job),
      attempts: 1,
      removeOnComplete: { count: 10_000 },
      removeOnFail: { count: 10_000 },
    });
  }

  async work(
    connectorId: string,
    handler: (job: RouteJob) => Promise<RouteOutcome>,
    options: RouteWorkerOptions = {},
  ): Promise<void> {
    const name = routeQueueName(connectorId);
    const processor: Processor = (job) => handler(job.data);
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
    await worker.waitUntilReady();
    this.workers.push(worker);
  }

  /** Jobs waiting or running for a connector. */
  async count(connectorId: string): Promise<number> {
    const counts = await this.queue(connectorId).getJobCounts('waiting', 'active', 'delayed');
    return Object.values(counts).reduce((sum, n) => sum + n, 0);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    this.workers.length = 0;
    this.queues.clear();
  }
}
