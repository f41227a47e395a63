import type { QueueBacklogSample } from '@qmt/observability';

/** The part of a BullMQ Queue (Redis or PostgreSQL backend) a backlog sample needs. */
export interface BacklogSource {
  getJobCounts(
    ...types: ('waiting' | 'active' | 'delayed' | 'failed')[]
  ): Promise<Record<string, number>>;
  getJobs(
    types: 'waiting'[],
    start: number,
    end: number,
    asc: boolean,
  ): Promise<readonly ({ readonly timestamp: number } | undefined)[]>;
}

/** Depth by state and the age of the oldest waiting job of one queue, at `nowMs` (epoch ms). */
export async function queueBacklog(
  queue: string,
  source: BacklogSource,
  nowMs: number,
): Promise<QueueBacklogSample> {
  const [counts, oldest] = await Promise.all([
    source.getJobCounts('waiting', 'active', 'delayed', 'failed'),
    source.getJobs(['waiting'], 0, 0, true),
  ]);
  const first = oldest[0];
  return {
    queue,
    waiting: counts.waiting ?? 0,
    active: counts.active ?? 0,
    delayed: counts.delayed ?? 0,
    failed: counts.failed ?? 0,
    oldestWaitingAgeSeconds:
      first === undefined ? null : Math.max(0, (nowMs - first.timestamp) / 1000),
  };
}
