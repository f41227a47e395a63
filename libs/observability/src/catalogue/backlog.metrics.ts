import { Gauge, type Registry } from 'prom-client';
import type { ScrapeRefresh } from '../scrape-refresh.js';

/** One consumer group on one account stream (XINFO GROUPS, or the in-process bus's counts). */
export interface StreamBacklogSample {
  readonly accountId: string;
  readonly group: string;
  /** Delivered to a consumer, not acknowledged yet (XPENDING). */
  readonly pending: number;
  /** Entries not yet delivered to the group; null when Redis cannot tell (an XDEL inside). */
  readonly lag: number | null;
}

/** One BullMQ queue (route.<connector>, algo.<account>). */
export interface QueueBacklogSample {
  readonly queue: string;
  readonly waiting: number;
  readonly active: number;
  readonly delayed: number;
  readonly failed: number;
  /** Age of the oldest job waiting for a worker; null when none waits. */
  readonly oldestWaitingAgeSeconds: number | null;
}

export function backlogMetrics(registry: Registry, refresh: ScrapeRefresh) {
  const collect = () => refresh.run();
  const streamPending = new Gauge({
    name: 'qmt_stream_pending_entries',
    help: 'Stream entries delivered to a consumer group and not acknowledged (XPENDING)',
    labelNames: ['account', 'group'] as const,
    registers: [registry],
    collect,
  });
  const streamLag = new Gauge({
    name: 'qmt_stream_lag_entries',
    help: 'Stream entries not yet delivered to a consumer group (XINFO GROUPS lag)',
    labelNames: ['account', 'group'] as const,
    registers: [registry],
    collect,
  });
  const queueJobs = new Gauge({
    name: 'qmt_queue_jobs',
    help: 'BullMQ jobs by queue and state (waiting, active, delayed, failed)',
    labelNames: ['queue', 'state'] as const,
    registers: [registry],
    collect,
  });
  const queueOldest = new Gauge({
    name: 'qmt_queue_oldest_job_age_seconds',
    help: 'Age of the oldest job waiting for a worker (0 when none waits)',
    labelNames: ['queue'] as const,
    registers: [registry],
    collect,
  });
  return {
    streamPending,
    streamLag,
    queueJobs,
    queueOldest,
    /** Replaces the stream gauges with this scrape's samples. */
    showStreams(samples: readonly StreamBacklogSample[]): void {
      streamPending.reset();
      streamLag.reset();
      for (const s of samples) {
        const labels = { account: s.accountId, group: s.group };
        streamPending.set(labels, s.pending);
        if (s.lag !== null) {
          streamLag.set(labels, s.lag);
        }
      }
    },
    /** Replaces the queue gauges with this scrape's samples. */
    showQueues(samples: readonly QueueBacklogSample[]): void {
      queueJobs.reset();
      queueOldest.reset();
      for (const q of samples) {
        for (const state of ['waiting', 'active', 'delayed', 'failed'] as const) {
          queueJobs.set({ queue: q.queue, state }, q[state]);
        }
        queueOldest.set({ queue: q.queue }, q.oldestWaitingAgeSeconds ?? 0);
      }
    },
  };
}
