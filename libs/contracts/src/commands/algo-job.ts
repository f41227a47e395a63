// Jobs the algo runtime puts on its own BullMQ queue: one per bucket of a parent, due at the
// bucket's start, and the parent's finish (window over or cancel), retried until every child is
// done. Ids are deterministic, so a restart that re-adds a job it already added keeps one.

export interface AlgoBucketJob {
  readonly kind: 'BUCKET';
  readonly accountId: string;
  readonly parentId: string;
  readonly bucket: number;
  /** The request that armed the parent, for the log lines of its children (set by the queue). */
  readonly requestId?: string;
}

export interface AlgoFinishJob {
  readonly kind: 'FINISH';
  readonly accountId: string;
  readonly parentId: string;
  /** 0 first; each look that still finds a working child adds the next attempt. */
  readonly attempt: number;
  readonly requestId?: string;
}

export type AlgoJob = AlgoBucketJob | AlgoFinishJob;

/**
 * BullMQ queue of the algo runtime for one account's parents: the account is the unit of scale
 * (ARCHITECTURE §9), so whichever risk instance owns an account runs its parents.
 */
export function algoQueueName(accountId: string): string {
  return `algo.${accountId}`;
}

/** `algo-<parent>-b<bucket>` or `algo-<parent>-f<attempt>` (BullMQ ids may not contain ':'). */
export function algoJobId(job: AlgoJob): string {
  return job.kind === 'BUCKET'
    ? `algo-${job.parentId}-b${job.bucket}`
    : `algo-${job.parentId}-f${job.attempt}`;
}

/** The clientOrderId of a parent's child for one bucket: the same bucket always names one child. */
export function algoChildClientOrderId(parentId: string, bucket: number): string {
  return `algo-${parentId}-${bucket}`;
}
