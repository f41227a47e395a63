import type { GatewayEvent, PlaceOrderJob } from '@qmt/contracts';
import { EventPublisher } from '@qmt/messaging';
import { GatewayMetrics } from '@qmt/observability';
import { ObservedPublisher, RouteObserver } from './route-observer.js';

const T0 = Date.parse('2025-03-03T02:00:00.000Z');

function place(orderId: string, remark: string, requestId?: string): PlaceOrderJob {
  return {
    kind: 'PLACE',
    orderId,
    accountId: 'SIM-STOCK',
    strategyId: 'alpha',
    symbol: '000001.SZ',
    orderType: 23,
    priceType: 11,
    price: 116000,
    quantity: 100,
    remark,
    enqueuedAt: new Date(T0).toISOString(),
    expiresAt: new Date(T0 + 30_000).toISOString(),
    ...(requestId === undefined ? {} : { requestId }),
  };
}

class Recorder extends EventPublisher {
  readonly events: GatewayEvent[] = [];
  publish(event: GatewayEvent): Promise<string> {
    this.events.push(event);
    return Promise.resolve(`${this.events.length}-0`);
  }
}

function setUp(scale = 1) {
  const metrics = new GatewayMetrics({ defaultMetrics: false });
  let now = T0;
  const observer = new RouteObserver('sim-1', metrics, { now: () => new Date(now), scale });
  const acks = async () =>
    (await metrics.flow.stageDuration.get()).values.find(
      (v) => v.metricName === 'qmt_order_stage_duration_seconds_sum',
    )?.value;
  const ackCount = async () =>
    (await metrics.flow.stageDuration.get()).values.find(
      (v) => v.metricName === 'qmt_order_stage_duration_seconds_count',
    )?.value ?? 0;
  return { metrics, observer, advance: (ms: number) => (now += ms), acks, ackCount };
}

describe('RouteObserver', () => {
  it('times route job → broker ack once, from risk’s enqueue to the first report of the remark', async () => {
    const { observer, advance, acks, ackCount } = setUp();
    observer.jobStarted(place('Q1', 'R1'));
    advance(40);
    observer.brokerOrderSeen('R1');
    advance(500);
    observer.brokerOrderSeen('R1');
    expect(await acks()).toBeCloseTo(0.04, 6);
    expect(await ackCount()).toBe(1);
  });

  it('turns a fast sim clock’s exchange time back into wall seconds', async () => {
    const { observer, advance, acks } = setUp(10);
    observer.jobStarted(place('Q1', 'R1'));
    advance(1_000);
    observer.brokerOrderSeen('R1');
    expect(await acks()).toBeCloseTo(0.1, 6);
  });

  it('ignores remarks it did not route (a reconcile reporting old orders)', async () => {
    const { observer, ackCount } = setUp();
    observer.brokerOrderSeen('R-unknown');
    expect(await ackCount()).toBe(0);
  });

  it('counts job outcomes by kind', async () => {
    const { metrics, observer } = setUp();
    observer.jobFinished(place('Q1', 'R1'), { kind: 'SENT' });
    observer.jobFinished(place('Q2', 'R2'), { kind: 'REFUSED', reason: 'expired' });
    observer.jobFinished(place('Q3', 'R3'), 'FAILED');
    const values = (await metrics.connector.routeJobs.get()).values.map((v) => [
      v.labels.outcome,
      v.value,
    ]);
    expect(values).toEqual([
      ['SENT', 1],
      ['REFUSED', 1],
      ['FAILED', 1],
    ]);
  });

  it('puts the request id of its order on every event the connector publishes', async () => {
    const { metrics, observer } = setUp();
    const inner = new Recorder();
    const publisher = new ObservedPublisher(inner, 'sim-1', metrics, observer);
    observer.jobStarted(place('Q1', 'R1', 'req-7'));
    const event = (orderId?: string): GatewayEvent => ({
      eventId: `e-${orderId ?? 'none'}`,
      type: 'ORDER_ACK',
      accountId: 'SIM-STOCK',
      ...(orderId === undefined ? {} : { orderId }),
      ts: new Date(T0).toISOString(),
      source: 'connector:sim-1',
      payload: { brokerOrderId: 1, requestSeq: 1, message: '' },
    });
    await publisher.publish(event('Q1'));
    await publisher.publish(event('Q2'));
    await publisher.publish(event());
    expect(inner.events.map((e) => e.requestId)).toEqual(['req-7', undefined, undefined]);
    expect((await metrics.connector.eventsPublished.get()).values[0]?.value).toBe(3);
  });
});
