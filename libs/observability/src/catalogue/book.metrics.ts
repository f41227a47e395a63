import { Gauge, type Registry } from 'prom-client';
import type { ScrapeRefresh } from '../scrape-refresh.js';

/**
 * Risk's view of each strategy book, filled at scrape time by whoever holds the book (apps/risk
 * registers a refresher). Money gauges are in yuan: a gauge is a float and this is a picture for
 * people, never a ledger (the ledgers stay in integer units).
 */
export function bookMetrics(registry: Registry, refresh: ScrapeRefresh) {
  const collect = () => refresh.run();
  return {
    openOrders: new Gauge({
      name: 'qmt_risk_open_orders',
      help: 'Orders holding a reservation in risk (routed, not finished)',
      labelNames: ['account', 'strategy'] as const,
      registers: [registry],
      collect,
    }),
    reservedCash: new Gauge({
      name: 'qmt_risk_reserved_cash_yuan',
      help: 'Cash held back by open buys (price plus fee estimate), yuan',
      labelNames: ['account', 'strategy'] as const,
      registers: [registry],
      collect,
    }),
    exposure: new Gauge({
      name: 'qmt_risk_exposure_yuan',
      help: 'Cash committed by a book: net spend of fills today plus open buys reserved, yuan',
      labelNames: ['account', 'strategy'] as const,
      registers: [registry],
      collect,
    }),
    limitUsage: new Gauge({
      name: 'qmt_risk_limit_usage_ratio',
      help: 'Share of a limit used (1 = at the limit), by limit name (rule code or budget)',
      labelNames: ['account', 'strategy', 'limit'] as const,
      registers: [registry],
      collect,
    }),
    pnl: new Gauge({
      name: 'qmt_risk_pnl_yuan',
      help: 'Profit and loss of a book today, yuan, by kind (realised, unrealised, fees: P&L = realised + unrealised - fees)',
      labelNames: ['account', 'strategy', 'kind'] as const,
      registers: [registry],
      collect,
    }),
  };
}
