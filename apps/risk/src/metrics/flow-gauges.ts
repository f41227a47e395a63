import { Injectable, type OnModuleInit } from '@nestjs/common';
import { effectiveLimits } from '@qmt/domain';
import { GatewayMetrics } from '@qmt/observability';
import { ExchangeClock } from '@qmt/runtime';
import { RiskControls } from '../controls/risk-controls.js';
import { FlowCounters } from '../state/flow-counters.js';

type Shown = { account: string; strategy: string; limit: string };

/**
 * Each book's share of its daily order and cancel budgets (maxDailyOrders, maxDailyCancels in
 * force for it), as qmt_risk_limit_usage_ratio with limit MAX_DAILY_ORDERS or MAX_DAILY_CANCELS
 * (DAILY_ORDER_LIMIT and CANCEL_RATE refuse past 1), read from the flow counters at each scrape.
 * The limit-usage alert fires from 80%.
 */
@Injectable()
export class FlowGauges implements OnModuleInit {
  /** The series set by the last refresh, removed by the next (book gauges own the others). */
  private shown: Shown[] = [];

  constructor(
    private readonly metrics: GatewayMetrics,
    private readonly flow: FlowCounters,
    private readonly controls: RiskControls,
    private readonly clock: ExchangeClock,
  ) {}

  onModuleInit(): void {
    this.metrics.refresh.add('daily-budgets', () => this.show());
    this.metrics.refresh.add('programmatic-usage', () => this.showProgrammaticUsage());
  }

  /**
   * Each account's share of the programmatic-trading thresholds: its busiest second since the
   * last scrape (a peak the scrape would miss by sampling) and today's messages. Read here, not
   * set per order: label hashing would cost the order path more than the whole check.
   */
  showProgrammaticUsage(): void {
    const { messagesPerSecond, messagesPerDay } = this.controls.limits.programmaticTrading;
    const gauge = this.metrics.riskProgrammaticUsage;
    for (const peak of this.flow.takeMessagePeaks(this.clock.tradingDay())) {
      gauge.set(
        { account: peak.accountId, threshold: 'perSecond' },
        peak.perSecond / messagesPerSecond,
      );
      gauge.set({ account: peak.accountId, threshold: 'perDay' }, peak.today / messagesPerDay);
    }
  }

  show(): void {
    const { limitUsage } = this.metrics.book;
    for (const labels of this.shown) {
      limitUsage.remove(labels);
    }
    const shown: Shown[] = [];
    for (const b of this.flow.dailyByBook(this.clock.tradingDay())) {
      const limits = effectiveLimits(this.controls.limits, {
        accountId: b.accountId,
        strategyId: b.strategyId,
        symbol: '',
      });
      const budgets = [
        ['MAX_DAILY_ORDERS', b.orders, limits.maxDailyOrders?.value],
        ['MAX_DAILY_CANCELS', b.cancels, limits.maxDailyCancels?.value],
      ] as const;
      for (const [limit, used, cap] of budgets) {
        if (cap !== undefined && cap > 0) {
          const labels = { account: b.accountId, strategy: b.strategyId, limit };
          limitUsage.set(labels, used / cap);
          shown.push(labels);
        }
      }
    }
    this.shown = shown;
  }
}
