// The connector's pipeline on a sim, without Redis: ConnectorService (events, reconnect,
// reconcile), RouteWorker (jobs), recorded events — for fault tests that end by comparing the
// gateway's view with the sim broker's books.
import type { CancelOrderJob, GatewayEvent, PlaceOrderJob, RouteJob } from '@qmt/contracts';
import {
  ConnectorService,
  RemarkIndex,
  RouteWorker,
  SimMiniQmt,
  type SimConfig,
} from '@qmt/connector-miniqmt';
import { makeOrderId, XtOrderType, XtPriceType } from '@qmt/domain';
import { EventPublisher, type RouteOutcome } from '@qmt/messaging';
import { createLogger } from '@qmt/observability';

export class RecordingPublisher extends EventPublisher {
  readonly events: GatewayEvent[] = [];
  publish(event: GatewayEvent): Promise<string> {
    this.events.push(event);
    return Promise.resolve(String(this.events.length));
  }
}

export const REF = { account_id: '8880000001', account_type: 2 };
const ACCOUNT = 'SIM-STOCK';

export interface Pipeline {
  readonly sim: SimMiniQmt;
  readonly service: ConnectorService;
  readonly worker: RouteWorker;
  readonly publisher: RecordingPublisher;
  readonly quantities: Map<string, number>;
  close(): Promise<void>;
}

export async function pipeline(overrides: Partial<SimConfig> = {}): Promise<Pipeline> {
  const sim = new SimMiniQmt({
    accounts: [
      {
        accountId: REF.account_id,
        accountType: 2,
        cash: 10_000_000,
        positions: [{ symbol: '600000.SH', volume: 100_000 }],
      },
    ],
    instruments: [
      { symbol: '600000.SH', name: '浦发银行', preClose: 8.2, tickSize: 0.01 },
      { symbol: '000001.SZ', name: '平安银行', preClose: 11.5, tickSize: 0.01 },
    ],
    latencyMs: 0,
    now: () => new Date(),
    ...overrides,
  });
  const publisher = new RecordingPublisher();
  const service = new ConnectorService(
    'sim-1',
    sim,
    publisher,
    [{ accountId: ACCOUNT, ref: REF }],
    () => new Date(),
    createLogger('silent'),
    { initialMs: 10, maxMs: 50 },
  );
  const remarks = new RemarkIndex();
  let reconciledAt = 0;
  service.onBrokerOrder((remark, id) => remarks.remember(remark, id));
  service.onUp(() => {
    reconciledAt = Date.now();
  });
  const worker = new RouteWorker({
    connectorId: 'sim-1',
    session: sim,
    publisher,
    now: () => new Date(),
    accountRefOf: (id) => (id === ACCOUNT ? REF : undefined),
    isReady: () => service.isReady(),
    remarks,
    reconciledAt: () => reconciledAt,
    lookupAttempts: 3,
    lookupDelayMs: 5,
  });
  await service.start();
  return {
    sim,
    service,
    worker,
    publisher,
    quantities: new Map(),
    close: async () => {
      await service.stop();
      await sim.disconnect();
      sim.close();
    },
  };
}

let serial = 0;

/** A place job: marketable buys, resting buys and sells, in turn. */
export function placeJob(p: Pipeline, i: number): PlaceOrderJob {
  const orderId = makeOrderId(Date.UTC(2026, 10, 24) + serial++, [3, 1, 4, 1, 5, 9, 2, 6, 5, 3]);
  const kind = i % 3;
  const quantity = 100 * (1 + (i % 4));
  p.quantities.set(orderId, quantity);
  const now = Date.now();
  return {
    kind: 'PLACE',
    orderId,
    accountId: ACCOUNT,
    strategyId: 'alpha',
    symbol: kind === 1 ? '000001.SZ' : '600000.SH',
    orderType: kind === 2 ? XtOrderType.STOCK_SELL : XtOrderType.STOCK_BUY,
    priceType: XtPriceType.FIX_PRICE,
    // 8.21 crosses 600000.SH's ask; 11.45 rests under 000001.SZ's; 8.19 sells at the bid.
    price: kind === 0 ? 82_100 : kind === 1 ? 114_500 : 81_900,
    quantity,
    remark: orderId,
    enqueuedAt: new Date(now).toISOString(),
    expiresAt: new Date(now + 30_000).toISOString(),
  };
}

export function cancelJob(place: PlaceOrderJob): CancelOrderJob {
  const now = Date.now();
  return {
    kind: 'CANCEL',
    orderId: place.orderId,
    accountId: place.accountId,
    strategyId: place.strategyId,
    remark: place.remark,
    enqueuedAt: new Date(now).toISOString(),
    expiresAt: new Date(now + 30_000).toISOString(),
  };
}

/** Runs jobs `concurrency` at a time, as the BullMQ worker does; outcomes by order id. */
export async function route(
  p: Pipeline,
  jobs: readonly RouteJob[],
  concurrency = 4,
  between?: (done: number) => void,
): Promise<Map<string, RouteOutcome>> {
  const outcomes = new Map<string, RouteOutcome>();
  let next = 0;
  let done = 0;
  const lane = async (): Promise<void> => {
    while (next < jobs.length) {
      const job = jobs[next++];
      if (job === undefined) {
        return;
      }
      const outcome = await p.worker.handle(job);
      if (job.kind === 'PLACE') {
        outcomes.set(job.orderId, outcome);
      }
      between?.(++done);
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return outcomes;
}
