import type { AlgoJob } from '@qmt/contracts';

export interface AlgoWorkerOptions {
  readonly concurrency?: number;
}

/**
 * The algo runtime's BullMQ queue: delayed jobs with deterministic ids (algoJobId), so adding a
 * job that is already queued, running or kept as finished changes nothing. A handler that throws
 * is retried with backoff; the runtime's handlers are idempotent.
 */
export abstract class AlgoQueue {
  /** Adds the job to run after `delayMs` (wall-clock milliseconds, 0: now). */
  abstract schedule(job: AlgoJob, delayMs: number): Promise<void>;
  abstract work(
    handler: (job: AlgoJob) => Promise<void>,
    options?: AlgoWorkerOptions,
  ): Promise<void>;
  /** Jobs not finished yet (waiting, delayed or running). */
  abstract pending(): Promise<number>;
  abstract close(): Promise<void>;
}
