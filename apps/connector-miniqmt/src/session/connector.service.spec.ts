import type { GatewayEvent } from '@qmt/contracts';
import { XtPriceType } from '@qmt/domain';
import { EventPublisher } from '@qmt/messaging';
import { createLogger } from '@qmt/observability';
import { eventually } from '@qmt/testkit';
import { SimMiniQmt } from '../sim/sim-mini-qmt.js';
import { ConnectorService } from './connector.service.js';

class RecordingPublisher extends EventPublisher {
  readonly events: GatewayEvent[] = [];
  publish(event: GatewayEvent): Promise<string> {
    this.events.push(event);
    return Promise.resolve(String(this.events.length));
  }
}

const REF = { account_id: '888', account_type: 2 };

const services: ConnectorService[] = [];
afterEach(async () => {
  await Promise.all(services.splice(0).map((s) => s.stop()));
});

function setup() {
  let now = new Date('2026-11-24T02:00:00Z').getTime();
  const sim = new SimMiniQmt({
    accounts: [{ accountId: '888', accountType: 2, cash: 1_000_000, positions: [] }],
    instruments: [{ symbol: '000001.SZ', name: '平安银行', preClose: 11.5, tickSize: 0.01 }],
    idBase: 1,
    now: () => new Date(now),
  });
  const publisher = new RecordingPublisher();
  const service = new ConnectorService(
    'sim-1',
    sim,
    publisher,
    [{ accountId: 'SIM-STOCK', ref: REF }],
    () => new Date('2026-11-24T02:00:00Z'),
    createLogger('silent'),
    { initialMs: 5, maxMs: 20 },
  );
  services.push(service);
  const statuses = () =>
    publisher.events.flatMap((e) => (e.type === 'CONNECTOR_STATUS' ? [e.payload.state] : []));
  const advance = (ms: number): void => {
    now += ms;
  };
  return { sim, publisher, service, statuses, advance };
}

describe('ConnectorService', () => {
  it('reports UP only after subscribing and reconciling, with the broker snapshot first', async () => {
    const { service, publisher, statuses } = setup();
    await service.start();
    await service.drained();
    expect(service.isReady()).toBe(true);
    expect(publisher.events.map((e) => e.type)).toEqual(['ASSET', 'CONNECTOR_STATUS']);
    expect(statuses()).toEqual(['UP']);
  });

  it('reports DOWN at once on a disconnect, reconnects with a fresh session and emits what it missed', async () => {
    const { sim, service, publisher, statuses } = setup();
    await service.start();
    const firstSession = sim.sessionId();
    await sim.orderStockAsync(
      REF,
      '000001.SZ',
      23,
      100,
      XtPriceType.FIX_PRICE,
      11.4,
      'alpha',
      'QREST',
    );
    await eventually(() =>
      publisher.events.some((e) => e.type === 'ORDER_ACK') ? true : undefined,
    );
    sim.setFaults({ lingeringSession: true });
    sim.dropConnection();
    // While the session is down the resting order fills: only the broker's books know.
    sim.setQuote('000001.SZ', 11.39);
    await eventually(() => (statuses().length === 3 ? true : undefined));
    expect(statuses()).toEqual(['UP', 'DOWN', 'UP']);
    expect(sim.sessionId()).not.toBe(firstSession);
    expect(service.connectionCount()).toBe(2);
    const trade = publisher.events.find((e) => e.type === 'TRADE');
    expect(trade).toMatchObject({ payload: { quantity: 100 } });
    expect(
      publisher.events.some((e) => e.type === 'ORDER_STATUS' && e.payload.xtStatus === 56),
    ).toBe(true);
  });

  it('takes the connector DOWN when an account loses its counter link, UP when it is back', async () => {
    const { sim, service, statuses } = setup();
    await service.start();
    sim.pushAccountStatus('888', 3);
    await eventually(() => (statuses().length === 2 ? true : undefined));
    sim.pushAccountStatus('888', 0);
    await eventually(() => (statuses().length === 3 ? true : undefined));
    expect(statuses()).toEqual(['UP', 'DOWN', 'UP']);
  });

  it('keeps trying when the terminal is not running at start', async () => {
    const { sim, service, statuses, advance } = setup();
    sim.dropConnection(50);
    await service.start();
    expect(service.isReady()).toBe(false);
    advance(50);
    await eventually(() => (service.isReady() ? true : undefined), { timeoutMs: 5_000 });
    expect(statuses()).toEqual(['DOWN', 'UP']);
  });
});
