import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { tradingDayOf } from '@qmt/domain';
import type { Logger } from '@qmt/observability';
import { OrderStore } from '@qmt/persistence';
import { LOGGER } from '@qmt/runtime';

const DAY_MS = 86_400_000;
/** Days of partitions kept ready ahead of today, and made behind it for late replays. */
export const PARTITION_DAYS_AHEAD = 30;
const PARTITION_DAYS_BEHIND = 7;
const EVERY_MS = 6 * 3_600_000;

/**
 * Keeps order_events partitioned by trading day: at start and every six hours, makes sure the
 * partitions for the coming month exist (docs/persistence.md). A day without one still lands in
 * the default partition, so this is housekeeping, never a cause of lost events.
 */
@Injectable()
export class EventPartitionsKeeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: OrderStore,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.ensure(new Date());
    this.timer = setInterval(() => void this.ensure(new Date()), EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Partitions are by wall-clock day: the sim's exchange clock may stand still. */
  async ensure(now: Date): Promise<number> {
    const first = tradingDayOf(new Date(now.getTime() - PARTITION_DAYS_BEHIND * DAY_MS));
    const last = tradingDayOf(new Date(now.getTime() + PARTITION_DAYS_AHEAD * DAY_MS));
    try {
      const made = await this.store.ensureEventPartitions(first, last);
      if (made > 0) {
        this.logger.info({ made, first, last }, 'order_events partitions created');
      }
      return made;
    } catch (error) {
      this.logger.error({ err: error }, 'order_events partition upkeep failed (retrying later)');
      return 0;
    }
  }
}
