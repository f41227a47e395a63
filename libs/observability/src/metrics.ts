import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

// Metric names: qmt_<area>_<thing>_<unit>, full words in labels, no order ids (bounded labels).

export class GatewayMetrics {
  readonly registry = new Registry();

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
