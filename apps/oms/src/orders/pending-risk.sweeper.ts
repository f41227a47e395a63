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

/**
 * Finishes what a crash or a silent risk service left undone: an order written in PENDING_RISK
 * whose verdict was never recorded is asked again (idempotent end to end), so an acknowledged
 * order is never forgotten and never routed twice.
 */
@Injectable()
export class PendingRiskSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private running = false;

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
      const stale = await this.store.pendingRiskBefore(
        new Date(this.clock.now().getTime() - OLDER_THAN_MS),
        100,
      );
      let decided = 0;
      for (const order of stale) {
        // Each order in a context of its own: its lines name it, not the previous one.
        const result = await withLogContext({}, () => this.orders.decide(order));
        if (result !== null) {
          decided += 1;
          this.logger.warn(
            { orderId: order.orderId, status: result.view.state },
            'order left in PENDING_RISK got its risk verdict',
          );
        }
      }
      return decided;
    } catch (error) {
      this.logger.error({ err: error }, 'pending-risk sweep failed (retrying)');
      return 0;
    } finally {
      this.running = false;
    }
  }
}
