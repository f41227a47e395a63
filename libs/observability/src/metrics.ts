import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { auditMetrics } from './catalogue/audit.metrics.js';
import { backlogMetrics } from './catalogue/backlog.metrics.js';
import { bookMetrics } from './catalogue/book.metrics.js';
import { connectorMetrics } from './catalogue/connector.metrics.js';
import { orderFlowMetrics } from './catalogue/order-flow.metrics.js';
import { ScrapeRefresh } from './scrape-refresh.js';

// Metric names: qmt_<area>_<thing>_<unit>, full words in labels, no order ids (bounded labels).
// The whole catalogue, with what fills each metric, is in docs/observability.md.

export class GatewayMetrics {
  readonly registry = new Registry();

  readonly refreshFailures = new Counter({
    name: 'qmt_metrics_refresh_failures_total',
    help: 'Scrapes where a pull source (bus, exposure, ...) failed or timed out; its gauges went stale',
    labelNames: ['source'] as const,
    registers: [this.registry],
  });

  /** Pull gauges (backlogs, books) are brought up to date here at each scrape. */
  readonly refresh = new ScrapeRefresh((source) => this.refreshFailures.inc({ source }));

  /** Stage latencies, HTTP and gRPC traffic. */
  readonly flow = orderFlowMetrics(this.registry, this.refresh);
  /** Session reconnects, route job outcomes, events published. */
  readonly connector = connectorMetrics(this.registry);
  /** Stream lag and pending entries per group; queue depth and job age per queue. */
  readonly backlog = backlogMetrics(this.registry, this.refresh);
  /** Open orders, exposure, limit usage and P&L per book (risk fills them). */
  readonly book = bookMetrics(this.registry, this.refresh);
  /** The audit chain's last verification. */
  readonly audit = auditMetrics(this.registry);

  readonly ordersSubmitted = new Counter({
    name: 'qmt_orders_submitted_total',
    help: 'Orders accepted by the OMS front door',
    labelNames: ['account', 'strategy'] as const,
    registers: [this.registry],
  });

  readonly ordersRejected = new Counter({
    name: 'qmt_orders_rejected_total',
    help: 'Orders rejected before the broker, by rule code',
    labelNames: ['account', 'strategy', 'rule'] as const,
    registers: [this.registry],
  });

  readonly ordersRouted = new Counter({
    name: 'qmt_orders_routed_total',
    help: 'Orders approved by risk and queued to a connector',
    labelNames: ['account', 'strategy'] as const,
    registers: [this.registry],
  });

  readonly ordersFilled = new Counter({
    name: 'qmt_orders_filled_total',
    help: 'Orders that reached ORDER_SUCCEEDED',
    labelNames: ['account', 'strategy'] as const,
    registers: [this.registry],
  });

  readonly ordersCancelled = new Counter({
    name: 'qmt_orders_cancelled_total',
    help: 'Orders that reached ORDER_CANCELED or ORDER_PART_CANCEL',
    labelNames: ['account', 'strategy'] as const,
    registers: [this.registry],
  });

  readonly eventsIngested = new Counter({
    name: 'qmt_oms_events_ingested_total',
    help: 'Stream events persisted by the OMS, by outcome',
    labelNames: ['type', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly deadLetters = new Counter({
    name: 'qmt_oms_dead_letters_total',
    help: 'Stream entries that could not be applied (MALFORMED, ILLEGAL_TRANSITION)',
    labelNames: ['account', 'kind'] as const,
    registers: [this.registry],
  });

  readonly riskCheckDuration = new Histogram({
    name: 'qmt_risk_check_duration_seconds',
    help: 'Time to check and reserve one order',
    buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.05],
    registers: [this.registry],
  });

  readonly riskRejections = new Counter({
    name: 'qmt_risk_rejections_total',
    help: 'Orders and cancels refused by the risk service, by rule code',
    labelNames: ['rule', 'kind'] as const,
    registers: [this.registry],
  });

  readonly riskProgrammaticUsage = new Gauge({
    name: 'qmt_risk_programmatic_usage_ratio',
    help: "Share of the regulator's programmatic-trading threshold an account has used (orders plus cancels): the busiest second since the last scrape, and today",
    labelNames: ['account', 'threshold'] as const,
    registers: [this.registry],
    collect: () => this.refresh.run(),
  });

  readonly riskProgrammaticWarnings = new Counter({
    name: 'qmt_risk_programmatic_warnings_total',
    help: 'Messages sent while an account was at or beyond 80% of a programmatic-trading threshold',
    labelNames: ['account', 'threshold'] as const,
    registers: [this.registry],
  });

  readonly riskLossBreaches = new Counter({
    name: 'qmt_risk_loss_breaches_total',
    help: 'Daily loss limit breaches that moved a scope to REDUCE_ONLY',
    labelNames: ['scope'] as const,
    registers: [this.registry],
  });

  readonly riskKillSwitchMode = new Gauge({
    name: 'qmt_risk_kill_switch_mode',
    help: 'Kill switch mode per scope: 0 ACTIVE, 1 REDUCE_ONLY, 2 HALTED',
    labelNames: ['scope', 'id'] as const,
    registers: [this.registry],
  });

  readonly riskReconciliationBreaks = new Counter({
    name: 'qmt_risk_reconciliation_breaks_total',
    help: "Differences between the strategy books and the broker's own positions and cash",
    labelNames: ['account', 'kind'] as const,
    registers: [this.registry],
  });

  readonly riskAccountsOwned = new Gauge({
    name: 'qmt_risk_accounts_owned',
    help: 'Accounts whose lease this risk instance holds',
    registers: [this.registry],
  });

  readonly riskLimitsVersion = new Gauge({
    name: 'qmt_risk_limits_version',
    help: 'Version of the limit document this risk instance checks against',
    registers: [this.registry],
  });

  readonly submitDuration = new Histogram({
    name: 'qmt_oms_submit_duration_seconds',
    help: 'POST /v1/orders: request in to answer out',
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [this.registry],
  });

  readonly connectorUp = new Gauge({
    name: 'qmt_connector_up',
    help: '1 when the connector session is connected',
    labelNames: ['connector'] as const,
    registers: [this.registry],
  });

  readonly algoParentsActive = new Gauge({
    name: 'qmt_algo_parents_active',
    help: 'Algo parents armed and not finished, in this risk instance',
    labelNames: ['type'] as const,
    registers: [this.registry],
  });

  readonly algoSlices = new Counter({
    name: 'qmt_algo_slices_total',
    help: 'Buckets planned by the algo runtime, by what limited the child (or why none was sent)',
    labelNames: ['type', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly algoChildQuantity = new Counter({
    name: 'qmt_algo_child_quantity_total',
    help: 'Shares sent in algo child orders',
    labelNames: ['type', 'side'] as const,
    registers: [this.registry],
  });

  readonly algoBucketDuration = new Histogram({
    name: 'qmt_algo_bucket_duration_seconds',
    help: 'Time to run one bucket job (plan, price, create and check the child)',
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 2.5],
    registers: [this.registry],
  });

  readonly algoBucketLateness = new Histogram({
    name: 'qmt_algo_bucket_lateness_seconds',
    help: 'Wall-clock delay between a bucket start and its job running',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
    registers: [this.registry],
  });

  readonly algoSlippage = new Histogram({
    name: 'qmt_algo_slippage_bps',
    help: 'Finished parents: realised VWAP against the market VWAP over the window, bps (positive = worse)',
    labelNames: ['type', 'side'] as const,
    buckets: [-50, -20, -10, -5, -2, 0, 2, 5, 10, 20, 50],
    registers: [this.registry],
  });

  readonly algoFillRate = new Histogram({
    name: 'qmt_algo_fill_rate_ratio',
    help: 'Finished parents: filled / parent quantity',
    labelNames: ['type'] as const,
    buckets: [0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 1],
    registers: [this.registry],
  });

  readonly algoParticipation = new Histogram({
    name: 'qmt_algo_participation_ratio',
    help: 'Finished parents: filled / market volume over the window',
    labelNames: ['type'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.5],
    registers: [this.registry],
  });

  readonly algoTrackingError = new Histogram({
    name: 'qmt_algo_tracking_error_ratio',
    help: 'Finished parents: RMS of |cumulative filled - cumulative target| / quantity at bucket ends',
    labelNames: ['type'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1],
    registers: [this.registry],
  });

  readonly algoParentsFinished = new Counter({
    name: 'qmt_algo_parents_finished_total',
    help: 'Algo parents finished, by final state',
    labelNames: ['type', 'state'] as const,
    registers: [this.registry],
  });

  constructor(options: { defaultMetrics?: boolean; app?: string } = {}) {
    if (options.app !== undefined) {
      this.registry.setDefaultLabels({ app: options.app });
    }
    if (options.defaultMetrics ?? true) {
      collectDefaultMetrics({ register: this.registry });
    }
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
