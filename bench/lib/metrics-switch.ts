// Turns every metric of a GatewayMetrics into a no-op and back, in place: the services keep the
// same objects, so "with" and "without" metrics run the very same code path in one process.
import type { GatewayMetrics } from '@qmt/observability';

const noop = (): void => undefined;
const child = { inc: noop, dec: noop, set: noop, observe: noop, startTimer: () => () => 0 };
const NOOPS: Record<string, unknown> = { ...child, labels: () => child };

export interface MetricsSwitch {
  on(): void;
  off(): void;
}

export function metricsSwitch(metrics: GatewayMetrics): MetricsSwitch {
  const all = metrics.registry.getMetricsAsArray() as unknown as Record<string, unknown>[];
  // Some methods are the instance's own (prom-client binds a few): keep whatever was there.
  const saved = all.map((metric) =>
    Object.fromEntries(
      Object.keys(NOOPS).map((name) => [name, Object.getOwnPropertyDescriptor(metric, name)]),
    ),
  );
  return {
    off: () => {
      for (const metric of all) {
        Object.assign(metric, NOOPS);
      }
    },
    on: () => {
      all.forEach((metric, i) => {
        for (const [name, descriptor] of Object.entries(saved[i] ?? {})) {
          if (descriptor === undefined) {
            delete metric[name];
          } else {
            Object.defineProperty(metric, name, descriptor);
          }
        }
      });
    },
  };
}
