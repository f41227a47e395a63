import { algoJobId, algoQueueName, type AlgoJob } from '@qmt/contracts';
import type { QueueBacklogSample } from '@qmt/observability';
import { inJobContext, withRequestOf } from './job-context.js';
import { BullMqQueueSet, type JobLike } from './bullmq-queue-set.js';
import { DelayedError } from 'bullmq';
import { AlgoJobDeferred, AlgoQueue, type AlgoWorkerOptions } from '../ports/algo-queue.port.js';
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

/** The algo queue on BullMQ, on Redis or on BullMQ's PostgreSQL backend (the desk without Redis). */
export class BullMqAlgoQueue extends AlgoQueue {
  private readonly queues: BullMqQueueSet<AlgoJob, void>;

  constructor(config: RouteQueueConfig) {
    super();
    this.queues = new BullMqQueueSet(config, algoQueueName);
  }

  async schedule(job: AlgoJob, delayMs: number): Promise<void> {
    await this.queues.queue(job.accountId).add(job.kind, withRequestOf(job), {
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
    const concurrency = options.concurrency ?? 16;
    const run = async (job: JobLike<AlgoJob>, token?: string): Promise<void> => {
      try {
        await inJobContext(job.data, () => handler(job.data));
      } catch (error) {
        if (!(error instanceof AlgoJobDeferred)) {
          throw error;
        }
        // BullMQ's manual delay: same id, no attempt spent (DelayedError tells the worker).
        await job.moveToDelayed(Date.now() + error.delayMs, token);
        throw new DelayedError(error.message);
      }
    };
    await Promise.all(accountIds.map((id) => this.queues.work(id, run, { concurrency, ...LOCK })));
  }

  async stopWorking(accountIds: readonly string[]): Promise<void> {
    await Promise.all(accountIds.map((id) => this.queues.stopWorking(id)));
  }

  pending(accountId: string): Promise<number> {
    return this.queues.unfinished(accountId);
  }

  override backlog(): Promise<QueueBacklogSample[]> {
    return this.queues.backlog();
  }

  close(): Promise<void> {
    return this.queues.close();
  }
}
