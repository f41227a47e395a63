import type { RouteJob } from '@qmt/contracts';
import { RouteQueue, type RouteOutcome } from '@qmt/messaging';

/** A route queue that only remembers what it was given (unit tests, the benchmark). */
export class RecordingRouteQueue extends RouteQueue {
  readonly jobs: { connectorId: string; job: RouteJob }[] = [];
  /** Keep at most this many jobs (the benchmark routes millions). */
  constructor(private readonly keep = Number.POSITIVE_INFINITY) {
    super();
  }

  enqueue(connectorId: string, job: RouteJob): Promise<void> {
    if (this.jobs.length < this.keep) {
      this.jobs.push({ connectorId, job });
    }
    return Promise.resolve();
  }

  work(_c: string, _h: (job: RouteJob) => Promise<RouteOutcome>): Promise<void> {
    return Promise.resolve();
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
