import { Injectable, type OnModuleInit } from '@nestjs/common';
import { asMoney, formatMoney, moneyFromYuan, type Money } from '@qmt/domain';
import { GatewayMetrics } from '@qmt/observability';
import { DeskDirectory } from '@qmt/runtime';
import { ExposureBook, type BookExposure } from '../projection/exposure-book.js';

/** limit label of the budget gauges; rule codes of the catalogue join them (docs/observability.md). */
export const BookLimit = {
  STRATEGY_BUDGET: 'STRATEGY_BUDGET',
  ACCOUNT_CASH: 'ACCOUNT_CASH',
} as const;

/** The label value of account-wide gauges, which belong to no one strategy. */
export const ALL_STRATEGIES = 'all';

/**
 * Open orders, exposure, budget usage and P&L per book, read from risk's exposure book at each
 * scrape: nothing is computed on the order path. Exposure here is cash committed (net spend of
 * today's fills plus open buys reserved); P&L is the day's, at the last trade seen (else the
 * previous close), in parts: realised, unrealised and fees (P&L = realised + unrealised − fees).
 */
@Injectable()
export class BookGauges implements OnModuleInit {
  /** The limit series set by the last refresh, removed by the next (rules own the others). */
  private shownLimits: { account: string; strategy: string; limit: string }[] = [];

  constructor(
    private readonly metrics: GatewayMetrics,
    private readonly book: ExposureBook,
    private readonly desk: DeskDirectory,
  ) {}

  onModuleInit(): void {
    this.metrics.refresh.add('exposure', () => {
      this.show(this.book.books());
      this.showPnl(this.book.bookPnl());
    });
  }

  showPnl(books: ReturnType<ExposureBook['bookPnl']>): void {
    const { pnl } = this.metrics.book;
    pnl.reset();
    for (const b of books) {
      const labels = { account: b.accountId, strategy: b.strategyId };
      pnl.set({ ...labels, kind: 'realised' }, yuan(b.pnl.realised));
      pnl.set({ ...labels, kind: 'unrealised' }, yuan(b.pnl.unrealised));
      pnl.set({ ...labels, kind: 'fees' }, yuan(b.pnl.fees));
    }
  }

  show(books: readonly BookExposure[]): void {
    const { openOrders, reservedCash, exposure, limitUsage } = this.metrics.book;
    for (const gauge of [openOrders, reservedCash, exposure]) {
      gauge.reset();
    }
    // Only the limits this refresher owns are reset: rules may set their own limit names.
    for (const labels of this.shownLimits) {
      limitUsage.remove(labels);
    }
    const shown: typeof this.shownLimits = [];
    const setLimit = (labels: (typeof shown)[number], value: number) => {
      limitUsage.set(labels, value);
      shown.push(labels);
    };
    const committedByAccount = new Map<string, bigint>();
    for (const b of books) {
      const labels = { account: b.accountId, strategy: b.strategyId };
      const committed = b.spent + b.reservedCash;
      openOrders.set(labels, b.openOrders);
      reservedCash.set(labels, yuan(b.reservedCash));
      exposure.set(labels, yuan(committed));
      committedByAccount.set(b.accountId, (committedByAccount.get(b.accountId) ?? 0n) + committed);
      const budget = this.desk.budget(b.strategyId, b.accountId);
      if (budget !== null && budget > 0n) {
        setLimit({ ...labels, limit: BookLimit.STRATEGY_BUDGET }, ratio(committed, budget));
      }
    }
    for (const [accountId, committed] of committedByAccount) {
      const cash = this.desk.account(accountId)?.cash;
      if (cash !== undefined && cash > 0) {
        setLimit(
          { account: accountId, strategy: ALL_STRATEGIES, limit: BookLimit.ACCOUNT_CASH },
          ratio(committed, moneyFromYuan(cash)),
        );
      }
    }
    this.shownLimits = shown;
  }
}

function yuan(units: bigint): number {
  return Number(formatMoney(asMoney(units)));
}

function ratio(used: bigint, limit: Money | bigint): number {
  return Number(used) / Number(limit);
}
