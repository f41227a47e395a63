import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from '@qmt/observability';
import { OrderQueries, type LogPosition, type StreamRow } from '@qmt/persistence';
import { LOGGER, type Principal } from '@qmt/runtime';
import { Observable } from 'rxjs';
import { formatPosition, updateOf, visibleTo, type Update } from './updates.js';

const POLL_MS = 100;
const PAGE = 500;

export interface StreamSubscription {
  close(): void;
}

/**
 * Tails order_events for update-stream subscribers. One shared watch of the log's end per
 * process; each subscriber reads from its own position, so a subscriber resuming from an old
 * Last-Event-ID and one at the head both get every row once, in log order, with no gap
 * (docs/update-stream.md).
 */
@Injectable()
export class UpdateStream implements OnApplicationShutdown {
  private readonly wakeups = new Set<() => void>();
  private timer: NodeJS.Timeout | undefined;
  private end = '';

  constructor(
    private readonly queries: OrderQueries,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** The log's current end: where a subscriber without Last-Event-ID starts. */
  head(): Promise<LogPosition> {
    return this.queries.logHead();
  }

  /** Delivers every row after `from`, then each new one, until closed. */
  subscribe(from: LogPosition, deliver: (rows: readonly StreamRow[]) => void): StreamSubscription {
    let position = from;
    let reading = false;
    let again = false;
    let closed = false;
    const read = async (): Promise<void> => {
      if (reading) {
        again = true;
        return;
      }
      reading = true;
      try {
        do {
          again = false;
          let rows: StreamRow[];
          do {
            rows = await this.queries.eventsAfter(position, PAGE);
            const last = rows.at(-1);
            if (last !== undefined && !closed) {
              position = last.position;
              deliver(rows);
            }
          } while (rows.length === PAGE && !closed);
        } while (again && !closed);
      } catch (error) {
        this.logger.error({ err: error }, 'update stream read failed (retrying on the next tick)');
      } finally {
        reading = false;
      }
    };
    const wake = (): void => void read();
    this.wakeups.add(wake);
    this.timer ??= setInterval(() => void this.watch(), POLL_MS);
    void read();
    return {
      close: () => {
        closed = true;
        this.wakeups.delete(wake);
        if (this.wakeups.size === 0 && this.timer !== undefined) {
          clearInterval(this.timer);
          this.timer = undefined;
          this.end = '';
        }
      },
    };
  }

  /**
   * What the principal may see, from after `from` (null: from now on), as it is appended; the
   * SSE endpoint and gRPC StreamUpdates both serve this.
   */
  updates(principal: Principal, from: LogPosition | null): Observable<Update> {
    return new Observable<Update>((subscriber) => {
      let subscription: StreamSubscription | undefined;
      let cancelled = false;
      const start = async (): Promise<void> => {
        const position = from ?? (await this.head());
        if (cancelled) {
          return;
        }
        subscription = this.subscribe(position, (rows) => {
          for (const row of rows) {
            if (visibleTo(principal, row)) {
              subscriber.next(updateOf(row));
            }
          }
        });
      };
      start().catch((error: unknown) => subscriber.error(error));
      return () => {
        cancelled = true;
        subscription?.close();
      };
    });
  }

  onApplicationShutdown(): void {
    if (this.timer !== undefined) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
    this.wakeups.clear();
  }

  private async watch(): Promise<void> {
    try {
      const end = formatPosition(await this.queries.logHead());
      if (end !== this.end) {
        this.end = end;
        for (const wake of this.wakeups) {
          wake();
        }
      }
    } catch (error) {
      this.logger.error({ err: error }, 'update stream watch failed (retrying)');
    }
  }
}
