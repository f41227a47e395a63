import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Logger } from '@qmt/observability';
import { LOGGER } from '../logger.token.js';
import { AuditTrail } from './audit-trail.js';

const EVERY_MS = 200;

/**
 * Chains queued audit entries every 200 ms in every process with a database; the chain lock lets
 * one sealer work at a time, the others find nothing left. A final pass runs at shutdown.
 */
@Injectable()
export class AuditSealer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(
    private readonly trail: AuditTrail,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sealOnce(), EVERY_MS);
    this.timer.unref();
  }

  /** Before the database closes (its lifecycle ends in onApplicationShutdown). */
  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
    await this.sealOnce();
  }

  private async sealOnce(): Promise<number> {
    if (this.running !== undefined) {
      return 0;
    }
    this.running = this.trail.seal().catch((error: unknown) => {
      this.logger.error({ err: error }, 'audit sealing failed (retrying)');
      return 0;
    });
    try {
      return await this.running;
    } finally {
      this.running = undefined;
    }
  }
}
