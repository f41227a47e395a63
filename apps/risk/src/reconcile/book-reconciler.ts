import { Inject, Injectable } from '@nestjs/common';
import {
  AuditType,
  NO_HOLDING,
  asMoney,
  formatMoney,
  moneyFromYuan,
  reconcile,
  type BookHolding,
  type ReconciliationBreak,
  type StrategyBook,
} from '@qmt/domain';
import { GatewayMetrics, type Logger } from '@qmt/observability';
import { OrderQueries } from '@qmt/persistence';
import { AuditTrail, DeskDirectory, LOGGER } from '@qmt/runtime';
import { AccountOwnership } from '../lease/account-ownership.js';
import { ExposureBook } from '../projection/exposure-book.js';

/** The broker snapshots the reconciler compares with (OrderQueries; tests hand in fixed ones). */
export type BrokerSnapshots = Pick<OrderQueries, 'latestPositions' | 'latestAssets'>;

/** Cash may differ by rounding of the fee estimate; shares never do. */
const CASH_TOLERANCE = moneyFromYuan(1);

const breakKey = (accountId: string, b: ReconciliationBreak): string =>
  b.kind === 'POSITION'
    ? `${accountId}|P|${b.symbol}|${b.difference}`
    : `${accountId}|C|${b.difference}`;

/**
 * Books against the broker (ARCHITECTURE §5), every minute by default: the strategy books plus
 * the unallocated remainder against broker_positions, cash against broker_assets. A difference is
 * only a break once two runs in a row see it (a fill on its way is not a break); each break is a
 * metric, a log line and a RECONCILIATION_BREAK audit record, once while it lasts.
 */
@Injectable()
export class BookReconciler {
  private pending = new Set<string>();
  private reported = new Set<string>();

  constructor(
    private readonly book: ExposureBook,
    private readonly desk: DeskDirectory,
    private readonly ownership: AccountOwnership,
    @Inject(OrderQueries) private readonly broker: BrokerSnapshots,
    @Inject(AuditTrail) private readonly audit: Pick<AuditTrail, 'record'>,
    private readonly metrics: GatewayMetrics,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** One run; returns the breaks reported by this run. */
  async run(): Promise<readonly { accountId: string; break: ReconciliationBreak }[]> {
    const [positions, assets] = await Promise.all([
      this.broker.latestPositions(),
      this.broker.latestAssets(),
    ]);
    const seen = new Set<string>();
    const reported: { accountId: string; break: ReconciliationBreak }[] = [];
    for (const account of this.desk.accounts()) {
      const asset = assets.get(account.id);
      if (!this.ownership.holds(account.id) || asset === undefined) {
        continue;
      }
      const brokerPositions = new Map<string, number>();
      for (const p of positions) {
        if (p.accountId === account.id && p.volume > 0) {
          brokerPositions.set(p.symbol, p.volume);
        }
      }
      const breaks = reconcile({
        books: this.booksOf(account.id),
        unallocated: new Map(),
        startingCash: asMoney(moneyFromYuan(account.cash) - this.book.fees(account.id)),
        broker: {
          positions: brokerPositions,
          cash: asMoney(BigInt(asset.cash) + BigInt(asset.frozenCash)),
        },
        cashTolerance: CASH_TOLERANCE,
      });
      for (const b of breaks) {
        const k = breakKey(account.id, b);
        seen.add(k);
        if (!this.pending.has(k) || this.reported.has(k)) {
          continue;
        }
        this.reported.add(k);
        reported.push({ accountId: account.id, break: b });
        await this.report(account.id, b);
      }
    }
    this.pending = seen;
    this.reported = new Set([...this.reported].filter((k) => seen.has(k)));
    return reported;
  }

  private booksOf(accountId: string): StrategyBook[] {
    const books = new Map<string, Map<string, BookHolding>>();
    for (const h of this.book.ownedHoldings()) {
      if (h.accountId !== accountId) {
        continue;
      }
      const holdings = books.get(h.strategyId) ?? new Map<string, BookHolding>();
      holdings.set(h.symbol, { ...NO_HOLDING, startOfDay: h.owned });
      books.set(h.strategyId, holdings);
    }
    for (const strategyId of this.book.strategiesOf(accountId)) {
      books.set(strategyId, books.get(strategyId) ?? new Map<string, BookHolding>());
    }
    return [...books].map(([strategyId, holdings]) => ({
      strategyId,
      accountId,
      budget: null,
      spent: asMoney(this.book.spent(accountId, strategyId)),
      reserved: asMoney(0n),
      holdings,
    }));
  }

  private async report(accountId: string, b: ReconciliationBreak): Promise<void> {
    this.metrics.riskReconciliationBreaks.inc({ account: accountId, kind: b.kind });
    const detail =
      b.kind === 'POSITION'
        ? {
            kind: b.kind,
            symbol: b.symbol,
            booked: b.booked,
            broker: b.broker,
            difference: b.difference,
          }
        : {
            kind: b.kind,
            booked: formatMoney(b.booked),
            broker: formatMoney(b.broker),
            difference: formatMoney(b.difference),
          };
    this.logger.error(
      { accountId, ...detail },
      'reconciliation break: books differ from the broker',
    );
    await this.audit.record({
      type: AuditType.RECONCILIATION_BREAK,
      actor: 'risk',
      role: null,
      accountId,
      detail,
    });
  }
}
