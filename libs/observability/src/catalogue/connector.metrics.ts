import { Counter, type Registry } from 'prom-client';

export function connectorMetrics(registry: Registry) {
  return {
    reconnects: new Counter({
      name: 'qmt_connector_reconnects_total',
      help: 'miniQMT sessions brought up again after the first (each one reconciled)',
      labelNames: ['connector'] as const,
      registers: [registry],
    }),
    disconnects: new Counter({
      name: 'qmt_connector_disconnects_total',
      help: 'Times the connector went DOWN (session lost or connect failed)',
      labelNames: ['connector'] as const,
      registers: [registry],
    }),
    routeJobs: new Counter({
      name: 'qmt_connector_route_jobs_total',
      help: 'Route jobs handled by the connector, by kind (PLACE, CANCEL) and outcome (SENT, REFUSED, FAILED)',
      labelNames: ['connector', 'kind', 'outcome'] as const,
      registers: [registry],
    }),
    eventsPublished: new Counter({
      name: 'qmt_connector_events_published_total',
      help: 'Gateway events the connector normalised from broker callbacks and reconciles',
      labelNames: ['connector', 'type'] as const,
      registers: [registry],
    }),
  };
}
