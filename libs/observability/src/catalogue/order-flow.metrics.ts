import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { ScrapeRefresh } from '../scrape-refresh.js';

/** The stages of an order's way, each one label value of qmt_order_stage_duration_seconds. */
export const OrderStage = {
  /** OMS: request in (after validation) to risk's verdict back in the OMS. */
  API_TO_RISK: 'api_to_risk',
  /** OMS: the RiskService.Check call as the OMS sees it (gRPC or in process). */
  RISK_CHECK: 'risk_check',
  /** Connector: route job enqueued by risk to the broker's acknowledgement of the order. */
  ROUTE_TO_BROKER_ACK: 'route_to_broker_ack',
  /** OMS: a broker event normalised by the connector to its commit in Postgres. */
  BROKER_EVENT_TO_PERSISTED: 'broker_event_to_persisted',
  /** OMS: order created to the broker's first report of it persisted. */
  END_TO_END: 'end_to_end',
} as const;
export type OrderStage = (typeof OrderStage)[keyof typeof OrderStage];

export function orderFlowMetrics(registry: Registry, refresh: ScrapeRefresh) {
  return {
    continuousSession: new Gauge({
      name: 'qmt_exchange_continuous_session',
      help: '1 while the exchange clock of this app is in continuous trading (fills are expected)',
      registers: [registry],
      collect: () => refresh.run(),
    }),
    stageDuration: new Histogram({
      name: 'qmt_order_stage_duration_seconds',
      help: 'Wall time of each stage of an order (api_to_risk, risk_check, route_to_broker_ack, broker_event_to_persisted, end_to_end)',
      labelNames: ['stage'] as const,
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    httpRequests: new Counter({
      name: 'qmt_http_requests_total',
      help: 'HTTP requests answered, by route pattern and status code',
      labelNames: ['method', 'route', 'status'] as const,
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: 'qmt_http_request_duration_seconds',
      help: 'HTTP request in to response finished, by route pattern',
      labelNames: ['method', 'route'] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5],
      registers: [registry],
    }),
    grpcRequests: new Counter({
      name: 'qmt_grpc_requests_total',
      help: 'gRPC calls served, by service method and outcome (ok or error)',
      labelNames: ['method', 'outcome'] as const,
      registers: [registry],
    }),
  };
}
