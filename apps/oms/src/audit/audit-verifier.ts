import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { Logger } from '@qmt/observability';
import { LOGGER } from '@qmt/runtime';
import { AuditService } from './audit.service.js';

/**
 * Wall-clock ms between walks of the audit chain. The first waits as long: a process that lives
 * a few seconds (a test desk) never walks, and one walk reads every record.
 */
export const AUDIT_VERIFY_EVERY_MS = 5 * 60_000;

/**
 * Verifies the hash chain on a timer so qmt_audit_chain_ok tells Prometheus of a break without
 * anyone calling GET /v1/audit/verify (alert AuditChainBroken). A break is also a log line.
 */
@Injectable()
export class AuditVerifier implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private running = false;

  constructor(
    private readonly audit: AuditService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.verifyOnce(), AUDIT_VERIFY_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** One walk; overlapping timer ticks are skipped. Resolves to whether the chain is whole. */
  async verifyOnce(): Promise<boolean | null> {
    if (this.running) {
      return null;
    }
    this.running = true;
    try {
      const report = await this.audit.verify();
      if (!report.ok) {
        this.logger.error(
          { firstBadSeq: report.firstBadSeq, reason: report.reason, checked: report.checked },
          'the audit hash chain is broken',
        );
      }
      return report.ok;
    } catch (error) {
      this.logger.error({ err: error }, 'audit chain verification failed (retrying)');
      return null;
    } finally {
      this.running = false;
    }
  }
}
