import {
  Inject,
  Injectable,
  Optional,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { GatewayMetrics, type Logger } from '@qmt/observability';
import { LOGGER } from '@qmt/runtime';
import { RiskControls } from './controls/risk-controls.js';
import { AccountLeases } from './lease/account-leases.js';
import { AccountOwnership } from './lease/account-ownership.js';
import { LossMonitor } from './loss/loss-monitor.js';
import { BookReconciler } from './reconcile/book-reconciler.js';

/** How often the risk service's background work runs (wall-clock ms). */
export interface RiskServiceOptions {
  /** Reads the stored limit and kill-switch versions: how soon another instance's change applies. */
  readonly controlsPollMs: number;
  /** Marks held symbols and enforces the daily loss limits. */
  readonly lossIntervalMs: number;
  readonly reconcileIntervalMs: number;
}

export const RISK_SERVICE_OPTIONS = Symbol('RISK_SERVICE_OPTIONS');

export const DEFAULT_RISK_SERVICE_OPTIONS: RiskServiceOptions = {
  controlsPollMs: 1_000,
  lossIntervalMs: 1_000,
  reconcileIntervalMs: 60_000,
};

/** Runs the periodic work: control polling, marks and loss, reconciliation, lease renewal. */
@Injectable()
export class RiskTimers implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly options: RiskServiceOptions;

  constructor(
    private readonly controls: RiskControls,
    private readonly loss: LossMonitor,
    private readonly reconciler: BookReconciler,
    private readonly ownership: AccountOwnership,
    private readonly metrics: GatewayMetrics,
    @Inject(LOGGER) private readonly logger: Logger,
    @Optional() @Inject(RISK_SERVICE_OPTIONS) options?: Partial<RiskServiceOptions>,
  ) {
    this.options = { ...DEFAULT_RISK_SERVICE_OPTIONS, ...options };
  }

  async onApplicationBootstrap(): Promise<void> {
    const leases = this.ownership instanceof AccountLeases ? this.ownership : null;
    if (leases !== null) {
      await this.guard('lease renewal', async () => {
        this.metrics.riskAccountsOwned.set((await leases.renew()).length);
      });
      this.every(leases.ttlMs / 3, 'lease renewal', async () => {
        this.metrics.riskAccountsOwned.set((await leases.renew()).length);
      });
    }
    this.every(this.options.controlsPollMs, 'limits poll', async () => {
      if (await this.controls.refresh()) {
        this.metrics.riskLimitsVersion.set(this.controls.version);
        this.logger.info({ version: this.controls.version }, 'risk controls reloaded');
      }
    });
    this.every(this.options.lossIntervalMs, 'loss monitor', async () => {
      await this.loss.tick();
    });
    this.every(this.options.reconcileIntervalMs, 'reconciliation', async () => {
      await this.reconciler.run();
    });
  }

  async onApplicationShutdown(): Promise<void> {
    for (const timer of this.timers) {
      clearInterval(timer);
    }
    if (this.ownership instanceof AccountLeases) {
      await this.ownership.close().catch(() => undefined);
    }
  }

  private every(ms: number, what: string, work: () => Promise<void>): void {
    let busy = false;
    const timer = setInterval(() => {
      if (busy) {
        return;
      }
      busy = true;
      void this.guard(what, work).finally(() => {
        busy = false;
      });
    }, ms);
    timer.unref();
    this.timers.push(timer);
  }

  private async guard(what: string, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      this.logger.error({ err: error }, `${what} failed (retrying)`);
    }
  }
}
