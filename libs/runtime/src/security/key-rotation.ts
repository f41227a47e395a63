import {
  HttpStatus,
  Inject,
  Injectable,
  Optional,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DeskConfigError, loadDeskConfig } from '@qmt/contracts';
import { AuditType } from '@qmt/domain';
import type { Logger } from '@qmt/observability';
import { AuditTrail } from '../audit/audit-trail.js';
import { DeskDirectory, type KeyReloadReport, type Principal } from '../desk-directory.js';
import { ApiError } from '../http/api-error.js';
import { LOGGER } from '../logger.token.js';

/** The desk file this process was started from (DESK_CONFIG), or null when given as data. */
export const DESK_CONFIG_PATH = Symbol('DESK_CONFIG_PATH');

export interface ReloadActor {
  readonly principal: Principal | null;
  readonly ip: string | null;
  /** "http", "grpc" or "signal". */
  readonly via: string;
}

/**
 * Key rotation without a restart (docs/security.md): re-reads the desk file on SIGHUP or on
 * POST /v1/admin/keys/reload and swaps in its key entries. A file that does not validate
 * changes nothing. Every reload is audited with the ids it touched, never the keys.
 */
@Injectable()
export class KeyRotation implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly onSignal = (): void => {
    this.reload({ principal: null, ip: null, via: 'signal' }).catch((error: unknown) => {
      this.logger.error({ err: error }, 'SIGHUP key reload failed; the keys in use are unchanged');
    });
  };

  constructor(
    private readonly desk: DeskDirectory,
    @Inject(DESK_CONFIG_PATH) private readonly path: string | null,
    @Inject(LOGGER) private readonly logger: Logger,
    @Optional() private readonly audit?: AuditTrail,
  ) {}

  onApplicationBootstrap(): void {
    if (this.path !== null) {
      process.on('SIGHUP', this.onSignal);
    }
  }

  onApplicationShutdown(): void {
    process.off('SIGHUP', this.onSignal);
  }

  async reload(actor: ReloadActor): Promise<KeyReloadReport> {
    if (this.path === null) {
      throw new ApiError(
        HttpStatus.CONFLICT,
        'NO_DESK_FILE',
        'this process was not started from a desk file (DESK_CONFIG), so there is nothing to re-read',
      );
    }
    let report: KeyReloadReport;
    try {
      report = this.desk.reloadKeys(loadDeskConfig(this.path));
    } catch (error) {
      if (error instanceof DeskConfigError) {
        throw new ApiError(
          HttpStatus.UNPROCESSABLE_ENTITY,
          'DESK_CONFIG_INVALID',
          `the desk file does not validate, keys unchanged: ${error.message}`,
        );
      }
      throw error;
    }
    this.logger.info({ ...report, via: actor.via }, 'API keys reloaded');
    await this.audit?.record({
      type: AuditType.KEYS_RELOADED,
      actor: actor.principal?.id ?? 'operator',
      role: actor.principal?.role ?? null,
      ip: actor.ip,
      detail: {
        via: actor.via,
        changed: [...report.changed],
        revoked: [...report.revoked],
        ignored: [...report.ignored],
        keys: report.keys,
      },
    });
    return report;
  }
}
