import type { DeskConfig } from '@qmt/contracts';
import { GatewayMetrics, createLogger, type Logger } from '@qmt/observability';
import { DeskDirectory, type ExchangeClock } from '@qmt/runtime';
import { RiskCheckService } from '../checks/risk-check.service.js';
import { RiskAdmin } from '../controls/risk-admin.js';
import { RiskControls } from '../controls/risk-controls.js';
import { type AccountOwnership, SoleOwnership } from '../lease/account-ownership.js';
import { ExposureBook } from '../projection/exposure-book.js';
import { instrumentFacts } from '../projection/instrument-facts.js';
import { FlowCounters } from '../state/flow-counters.js';
import { InMemoryControlStore } from './in-memory-control-store.js';
import { RecordingRouteQueue } from './recording-route-queue.js';

export interface RiskHarness {
  readonly desk: DeskDirectory;
  readonly clock: ExchangeClock;
  readonly service: RiskCheckService;
  readonly book: ExposureBook;
  readonly flow: FlowCounters;
  readonly controls: RiskControls;
  readonly admin: RiskAdmin;
  readonly store: InMemoryControlStore;
  readonly routes: RecordingRouteQueue;
  readonly metrics: GatewayMetrics;
  readonly logger: Logger;
}

/**
 * One risk instance on in-memory stores, wired as RiskModule wires it: what the app-level unit
 * tests and the benchmark drive. Call `await harness.controls.load()` before the first check.
 */
export function riskHarness(options: {
  readonly desk: DeskConfig;
  readonly clock: ExchangeClock;
  readonly store?: InMemoryControlStore;
  readonly ownership?: AccountOwnership;
  readonly keepJobs?: number;
}): RiskHarness {
  const desk = new DeskDirectory(options.desk);
  const store = options.store ?? new InMemoryControlStore();
  const logger = createLogger('silent');
  const metrics = new GatewayMetrics({ defaultMetrics: false });
  const book = new ExposureBook(instrumentFacts(desk));
  const flow = new FlowCounters();
  const controls = new RiskControls(store, desk, options.clock, logger);
  const routes = new RecordingRouteQueue(options.keepJobs);
  const service = new RiskCheckService(
    desk,
    options.clock,
    book,
    routes,
    metrics,
    logger,
    controls,
    flow,
    options.ownership ?? new SoleOwnership(),
  );
  const admin = new RiskAdmin(controls, desk, metrics);
  return {
    desk,
    clock: options.clock,
    service,
    book,
    flow,
    controls,
    admin,
    store,
    routes,
    metrics,
    logger,
  };
}
