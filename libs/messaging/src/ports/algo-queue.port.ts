import type { AlgoJob } from '@qmt/contracts';
import type { QueueBacklogSample } from '@qmt/observability';

export interface AlgoWorkerOptions {
  readonly concurrency?: number;
}

/**
 * Thrown by an algo job handler that cannot run the job here yet (its account's lease is held
 * elsewhere, or is between owners): the job goes back to the queue for `delayMs` under the same
 * id, without spending one of its attempts, for whichever worker holds the account by then.
 */
export class AlgoJobDeferred extends Error {
  constructor(
    readonly delayMs: number,
    reason: string,
  ) {
    super(reason);
    this.name = 'AlgoJobDeferred';
  }
}

/**
 * The algo runtime's BullMQ queues, one per account (algoQueueName): delayed jobs with
 * deterministic ids (algoJobId), so adding a job that is already queued, running or kept as
 * finished changes nothing. A handler that throws is retried with backoff; the runtime's
 * handlers are idempotent.
 */
export abstract class AlgoQueue {
  /** Adds the job to its account's queue to run after `delayMs` (wall-clock ms, 0: now). */
  abstract schedule(job: AlgoJob, delayMs: number): Promise<void>;
  /** Processes the algo queues of these accounts. */
  abstract work(
    accountIds: readonly string[],
    handler: (job: AlgoJob) => Promise<void>,
    options?: AlgoWorkerOptions,
  ): Promise<void>;
  /** Stops processing these accounts' queues (running jobs finish); their jobs stay queued. */
  abstract stopWorking(accountIds: readonly string[]): Promise<void>;
  /** Jobs of an account not finished yet (waiting, delayed or running). */
  abstract pending(accountId: string): Promise<number>;
  abstract close(): Promise<void>;
  /** Depth and oldest waiting job of every algo queue this process fills or works. */
  backlog(): Promise<readonly QueueBacklogSample[]> {
    return Promise.resolve([]);
  }
}
