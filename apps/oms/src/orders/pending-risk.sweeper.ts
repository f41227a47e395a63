import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { withLogContext, type Logger } from '@qmt/observability';
import { OrderStore } from '@qmt/persistence';
import { ExchangeClock, LOGGER } from '@qmt/runtime';
import { OrderService } from './order.service.js';

const EVERY_MS = 2_000;
const OLDER_THAN_MS = 5_000;
/** Each sweep reads again this far behind the last one's cutoff: a slow commit still lands. */
const OVERLAP_MS = 60_000;
/** How often the whole table is read anyway (and at start: what a crash left behind). */
const FULL_SWEEP_EVERY_MS = 10 * 60_000;
const BATCH = 100;

/**
 * Finishes what a crash or a silent risk service left undone: an order written in PENDING_RISK
 * whose verdict was never recorded is asked again (idempotent end to end), so an acknowledged
 * order is never forgotten and never routed twice.
 *
 * An order is only ever PENDING_RISK from its creation on, so a sweep need not read orders
 * created before the oldest one it left pending: after a full sweep (at start, then every ten
 * minutes) each sweep reads the window since the previous cutoff, less a minute of overlap.
 */
@Injectable()
export class PendingRiskSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  /** Where the next sweep's window starts; undefined: read the whole table. */
  private since: Date | undefined;
  private fullSweepAt = 0;

  constructor(
    private readonly store: OrderStore,
    private readonly orders: OrderService,
    private readonly clock: ExchangeClock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), EVERY_MS);
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async sweep(): Promise<number> {
    if (this.running) {
      return 0;
    }
    this.running = true;
    try {
      const now = this.clock.now().getTime();
      if (now - this.fullSweepAt >= FULL_SWEEP_EVERY_MS) {
        this.since = undefined;
        this.fullSweepAt = now;
      }
      const cutoff = new Date(now - OLDER_THAN_MS);
      const stale = await this.store.pendingRiskBefore(cutoff, BATCH, this.since);
      let decided = 0;
      let oldestLeft: Date | undefined;
      for (const order of stale) {
        // Each order in a context of its own: its lines name it, not the previous one.
        const result = await withLogContext({}, () => this.orders.decide(order));
        if (result !== null) {
          decided += 1;
          this.logger.warn(
            { orderId: order.orderId, status: result.view.state },
            'order left in PENDING_RISK got its risk verdict',
          );
        } else {
          oldestLeft ??= order.createdAt;
        }
      }
      this.since = nextWindowStart(stale, BATCH, cutoff, oldestLeft, this.since);
      return decided;
    } catch (error) {
      this.logger.error({ err: error }, 'pending-risk sweep failed (retrying)');
      return 0;
    } finally {
      this.running = false;
    }
  }
}

/**
 * Where the next sweep starts reading: a full batch may have more behind it (stay); an order
 * left pending (risk did not answer) is read again; else a minute before this sweep's cutoff.
 */
export function nextWindowStart(
  found: readonly { readonly createdAt: Date }[],
  batch: number,
  cutoff: Date,
  oldestLeft: Date | undefined,
  since: Date | undefined,
): Date | undefined {
  if (found.length >= batch) {
    return since;
  }
  const behindCutoff = new Date(cutoff.getTime() - OVERLAP_MS);
  return oldestLeft !== undefined && oldestLeft < behindCutoff ? oldestLeft : behindCutoff;
}
