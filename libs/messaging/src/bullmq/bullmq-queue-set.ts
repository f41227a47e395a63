import type { QueueBacklogSample } from '@qmt/observability';
import { Queue, Worker, createPostgresBackend, withBackend, type ConnectionOptions } from 'bullmq';
import { workerConnection } from './bullmq-connection.js';
import { queueBacklog, type BacklogSource } from './queue-backlog.js';

export type BullMqConfig = (
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

export interface StoredJob {
  readonly returnvalue: unknown;
  readonly failedReason?: string;
  readonly attemptsMade: number;
}

export interface QueueLike<Data> extends BacklogSource {
  add(name: string, data: Data, opts: Record<string, unknown>): Promise<unknown>;
  getJob(jobId: string): Promise<StoredJob | undefined>;
  getJobState(jobId: string): Promise<string>;
  on(event: 'error', listener: (error: Error) => void): unknown;
  close(): Promise<void>;
}

/** What a processor sees of a BullMQ job. */
export interface JobLike<Data> {
  readonly data: Data;
  moveToDelayed(timestamp: number, token?: string): Promise<void>;
}

interface WorkerLike {
  on(event: 'error', listener: (error: Error) => void): unknown;
  waitUntilReady(): Promise<unknown>;
  close(): Promise<void>;
}

/**
 * The BullMQ queues of one kind of job (one per connector, or per account), on Redis or on
 * BullMQ's PostgreSQL backend, with their workers: what the route and algo queues share.
 */
export class BullMqQueueSet<Data, Result> {
  private readonly queues = new Map<string, QueueLike<Data>>();
  private readonly workers: WorkerLike[] = [];
  private readonly workersByKey = new Map<string, WorkerLike[]>();
  private readonly pg = withBackend(createPostgresBackend);

  constructor(
    private readonly config: BullMqConfig,
    /** The BullMQ queue name of a connector's or an account's queue. */
    private readonly nameOf: (key: string) => string,
  ) {}

  /** The queue of `key`, opened on first use (and then shown by backlog()). */
  queue(key: string): QueueLike<Data> {
    const existing = this.queues.get(key);
    if (existing !== undefined) {
      return existing;
    }
    const name = this.nameOf(key);
    // BullMQ's job types do not resolve over a type parameter: the queue is built untyped and
    // QueueLike<Data> types what callers add.
    const queue: QueueLike<Data> =
      this.config.kind === 'redis'
        ? new Queue<unknown, unknown>(name, {
            connection: this.config.connection,
            ...(this.config.prefix === undefined ? {} : { prefix: this.config.prefix }),
          })
        : new this.pg.Queue<unknown, unknown>(name, { connection: this.postgresConnection() });
    queue.on('error', (error) => this.report(error));
    this.queues.set(key, queue);
    return queue;
  }

  /** Starts a worker on the queue of `key`; resolves once it is ready. */
  async work(
    key: string,
    processor: (job: JobLike<Data>, token?: string) => Promise<Result>,
    options: { readonly concurrency: number } & Readonly<Record<string, number>>,
  ): Promise<void> {
    // The queue too, so this process's /metrics shows the depth of the queue it works.
    this.queue(key);
    const name = this.nameOf(key);
    const worker: WorkerLike =
      this.config.kind === 'redis'
        ? new Worker(name, processor, {
            connection: workerConnection(this.config.connection),
            ...options,
            ...(this.config.prefix === undefined ? {} : { prefix: this.config.prefix }),
          })
        : new this.pg.Worker(name, processor, {
            connection: this.postgresConnection(),
            ...options,
          });
    // An EventEmitter 'error' with no listener would crash the process.
    worker.on('error', (error) => this.report(error));
    this.workers.push(worker);
    this.workersByKey.set(key, [...(this.workersByKey.get(key) ?? []), worker]);
    await worker.waitUntilReady();
  }

  /** Closes the workers of `key` (they finish their running jobs); its queue stays open. */
  async stopWorking(key: string): Promise<void> {
    const workers = this.workersByKey.get(key) ?? [];
    this.workersByKey.delete(key);
    for (const worker of workers) {
      this.workers.splice(this.workers.indexOf(worker), 1);
    }
    await Promise.all(workers.map((w) => w.close()));
  }

  /** Jobs of `key` not finished yet (waiting, delayed or running). */
  async unfinished(key: string): Promise<number> {
    const counts = await this.queue(key).getJobCounts('waiting', 'active', 'delayed');
    return Object.values(counts).reduce((sum, n) => sum + n, 0);
  }

  backlog(): Promise<QueueBacklogSample[]> {
    const now = Date.now();
    return Promise.all(
      [...this.queues].map(([key, queue]) => queueBacklog(this.nameOf(key), queue, now)),
    );
  }

  /** Workers first, so none takes a job from a queue already closing. */
  async close(): Promise<void> {
    const workers = this.workers.splice(0);
    this.workersByKey.clear();
    const queues = [...this.queues.values()];
    this.queues.clear();
    await Promise.all(workers.map((w) => w.close()));
    await Promise.all(queues.map((q) => q.close()));
  }

  private postgresConnection() {
    if (this.config.kind !== 'postgres') {
      throw new Error('not a postgres queue');
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
