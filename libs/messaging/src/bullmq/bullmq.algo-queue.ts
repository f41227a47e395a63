import { algoJobId, algoQueueName, type AlgoJob } from '@qmt/contracts';
import type { QueueBacklogSample } from '@qmt/observability';
import { Queue, Worker, createPostgresBackend, withBackend } from 'bullmq';
import { inJobContext, withRequestOf } from './job-context.js';
import { queueBacklog, type BacklogSource } from './queue-backlog.js';
import { AlgoQueue, type AlgoWorkerOptions } from '../ports/algo-queue.port.js';
import type { RouteQueueConfig } from './bullmq.route-queue.js';

// Finished jobs are kept two days: while kept, re-adding the same id is a no-op, so a restart that
// re-arms a parent cannot bring back a bucket already done (the slice table is the second guard).
const KEEP_FINISHED = { age: 2 * 24 * 3600, count: 500_000 };
// A failing bucket (database or risk briefly away) is retried within its own bucket, not later.
const ATTEMPTS = 5;
const BACKOFF = { type: 'exponential', delay: 200 } as const;
// A bucket job takes well under a second; a worker killed mid-job (kill -9) leaves it locked,
// and a short lock gets it back to a live worker within seconds rather than BullMQ's 30.
const LOCK = { lockDuration: 10_000, stalledInterval: 5_000 } as const;

interface QueueLike extends BacklogSource {
  add(name: string, data: AlgoJob, opts: Record<string, unknown>): Promise<unknown>;
  on(event: 'error', listener: (error: Error) => void): unknown;
  close(): Promise<void>;
}

interface WorkerLike {
  on(event: 'error', listener: (error: Error) => void): unknown;
  waitUntilReady(): Promise<unknown>;
  close(): Promise<void>;
}

/** The algo queue on BullMQ, on Redis or on BullMQ's PostgreSQL backend (the desk without Redis). */
export class BullMqAlgoQueue extends AlgoQueue {
  private readonly queues = new Map<string, QueueLike>();
  private readonly workers: WorkerLike[] = [];
  private readonly pg = withBackend(createPostgresBackend);

  constructor(private readonly config: RouteQueueConfig) {
    super();
  }

  async schedule(job: AlgoJob, delayMs: number): Promise<void> {
    await this.queue(job.accountId).add(job.kind, withRequestOf(job), {
      jobId: algoJobId(job),
      delay: Math.max(0, Math.round(delayMs)),
      attempts: ATTEMPTS,
      backoff: BACKOFF,
      removeOnComplete: KEEP_FINISHED,
      removeOnFail: KEEP_FINISHED,
    });
  }

  async work(
    accountIds: readonly string[],
    handler: (job: AlgoJob) => Promise<void>,
    options: AlgoWorkerOptions = {},
  ): Promise<void> {
    for (const id of accountIds) {
      // Registered for backlog(): this process's /metrics shows the queues it works.
      this.queue(id);
    }
    await Promise.all(accountIds.map((id) => this.workOne(algoQueueName(id), handler, options)));
  }

  private async workOne(
    name: string,
    handler: (job: AlgoJob) => Promise<void>,
    options: AlgoWorkerOptions,
  ): Promise<void> {
    const processor = (job: { data: AlgoJob }): Promise<void> =>
      inJobContext(job.data, () => handler(job.data));
    const concurrency = options.concurrency ?? 16;
    const worker: WorkerLike =
      this.config.kind === 'redis'
        ? new Worker<AlgoJob, void>(name, processor, {
            connection: this.config.connection,
            concurrency,
            ...LOCK,
            ...(this.config.prefix === undefined ? {} : { prefix: this.config.prefix }),
          })
        : new this.pg.Worker<AlgoJob, void>(name, processor, {
            connection: this.postgresConnection(),
            concurrency,
            ...LOCK,
          });
    worker.on('error', (error) => this.report(error));
    this.workers.push(worker);
    await worker.waitUntilReady();
  }

  async pending(accountId: string): Promise<number> {
    const counts = await this.queue(accountId).getJobCounts('waiting', 'active', 'delayed');
    return Object.values(counts).reduce((sum, n) => sum + n, 0);
  }

  override backlog(): Promise<QueueBacklogSample[]> {
    const now = Date.now();
    return Promise.all(
      [...this.queues].map(([accountId, queue]) =>
        queueBacklog(algoQueueName(accountId), queue, now),
      ),
    );
  }

  async close(): Promise<void> {
    const workers = this.workers.splice(0);
    await Promise.all(workers.map((w) => w.close()));
    const queues = [...this.queues.values()];
    this.queues.clear();
    await Promise.all(queues.map((q) => q.close()));
  }

  private queue(accountId: string): QueueLike {
    const existing = this.queues.get(accountId);
    if (existing !== undefined) {
      return existing;
    }
    const name = algoQueueName(accountId);
    const queue: QueueLike =
      this.config.kind === 'redis'
        ? new Queue<AlgoJob, void>(name, {
            connection: this.config.connection,
            ...(this.config.prefix === undefined ? {} : { prefix: this.config.prefix }),
          })
        : new this.pg.Queue<AlgoJob, void>(name, {
            connection: this.postgresConnection(),
          });
    queue.on('error', (error) => this.report(error));
    this.queues.set(accountId, queue);
    return queue;
  }

  private postgresConnection() {
    if (this.config.kind !== 'postgres') {
      throw new Error('not a postgres algo queue');
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
