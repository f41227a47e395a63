import { Inject, Injectable } from '@nestjs/common';
import {
  AuditType,
  KillSwitchMode,
  asPrice,
  effectiveLimits,
  formatMoney,
  lossBreaches,
  type KillSwitchScope,
} from '@qmt/domain';
import { GatewayMetrics, type Logger } from '@qmt/observability';
import { AuditTrail, DeskDirectory, LOGGER } from '@qmt/runtime';
import { AlgoMarketData } from '../algo/algo-market-data.port.js';
import { RiskAdmin } from '../controls/risk-admin.js';
import { RiskControls, killSwitchModeOf } from '../controls/risk-controls.js';
import { AccountOwnership } from '../lease/account-ownership.js';
import { ExposureBook } from '../projection/exposure-book.js';

/** The audit port the monitor writes to (AuditTrail; tests keep the entries). */
export type LossAudit = Pick<AuditTrail, 'record'>;

const scopeKey = (scope: KillSwitchScope): string =>
  scope.type === 'global' ? 'global' : `${scope.type}:${scope.id}`;

/**
 * Daily loss (issue 5 §5): marks every held symbol from the market-data port, then moves each
 * book or account whose loss of the day is beyond its cap to REDUCE_ONLY by itself, with an
 * audit record (actor "risk") and qmt_risk_loss_breaches_total. Only the accounts this instance
 * owns are judged, so two instances never trip the same switch. A scope already not ACTIVE is
 * left alone: an operator's HALTED stays HALTED.
 */
@Injectable()
export class LossMonitor {
  private running = false;

  constructor(
    private readonly book: ExposureBook,
    private readonly controls: RiskControls,
    private readonly admin: RiskAdmin,
    private readonly ownership: AccountOwnership,
    private readonly desk: DeskDirectory,
    private readonly market: AlgoMarketData,
    @Inject(AuditTrail) private readonly audit: LossAudit,
    private readonly metrics: GatewayMetrics,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** New marks for every held symbol (the sim's live quote, else its reference quote). */
  async refreshMarks(): Promise<void> {
    for (const symbol of this.book.heldSymbols()) {
      const quote = await this.market.quote(symbol);
      const last = quote?.last ?? null;
      if (last !== null && last > 0) {
        this.book.mark(symbol, asPrice(last));
      }
    }
  }

  /** One pass: marks, then breaches; overlapping calls are skipped. */
  async tick(): Promise<readonly KillSwitchScope[]> {
    if (this.running) {
      return [];
    }
    this.running = true;
    try {
      await this.refreshMarks();
      return await this.enforce();
    } finally {
      this.running = false;
    }
  }

  /** Moves every breaching scope that is still ACTIVE to REDUCE_ONLY; returns those it moved. */
  async enforce(): Promise<readonly KillSwitchScope[]> {
    const moved: KillSwitchScope[] = [];
    const seen = new Set<string>();
    for (const account of this.desk.accounts()) {
      if (!this.ownership.holds(account.id)) {
        continue;
      }
      const strategies = new Set([
        ...this.desk
          .strategies()
          .filter((s) => s.accounts.includes(account.id))
          .map((s) => s.id),
        ...this.book.strategiesOf(account.id),
      ]);
      for (const strategyId of strategies) {
        const limits = effectiveLimits(this.controls.limits, {
          accountId: account.id,
          strategyId,
          symbol: '',
        });
        const bookDailyPnl = this.book.dailyPnl(account.id, strategyId);
        const accountDailyPnl = this.book.dailyPnl(account.id);
        const breaches = lossBreaches({
          accountId: account.id,
          strategyId,
          limits,
          bookDailyPnl,
          accountDailyPnl,
        });
        for (const scope of breaches) {
          const k = scopeKey(scope);
          if (seen.has(k)) {
            continue;
          }
          seen.add(k);
          if (killSwitchModeOf(this.controls.killSwitch, scope) !== KillSwitchMode.ACTIVE) {
            continue;
          }
          const pnl = scope.type === 'strategy' ? bookDailyPnl : accountDailyPnl;
          const cap = scope.type === 'strategy' ? limits.maxDailyLoss : limits.maxAccountDailyLoss;
          const reason = `daily loss ${formatMoney(pnl)} CNY beyond the cap of ${cap === undefined ? '?' : formatMoney(cap.value)} CNY`;
          await this.admin.setKillSwitch({
            scope,
            mode: KillSwitchMode.REDUCE_ONLY,
            by: 'risk',
            reason,
          });
          await this.audit.record({
            type: AuditType.KILL_SWITCH,
            actor: 'risk',
            role: null,
            accountId: account.id,
            strategyId: scope.type === 'strategy' ? strategyId : null,
            detail: {
              scope: scope.type === 'global' ? { type: 'global' } : { ...scope },
              before: KillSwitchMode.ACTIVE,
              after: KillSwitchMode.REDUCE_ONLY,
              reason,
              cause: 'DAILY_LOSS',
              pnl: formatMoney(pnl),
              limit: cap === undefined ? null : formatMoney(cap.value),
            },
          });
          this.metrics.riskLossBreaches.inc({ scope: scope.type });
          this.logger.warn(
            { scope, reason },
            'daily loss limit breached: scope moved to REDUCE_ONLY',
          );
          moved.push(scope);
        }
      }
    }
    return moved;
  }
}
