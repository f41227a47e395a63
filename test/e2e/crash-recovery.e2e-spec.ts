// An order acknowledged (written in PENDING_RISK) just before the OMS died is finished after
// the restart: asked to risk again, routed once, filled.
import { OrderStore, createDataSource } from '@qmt/persistence';
import { aCreatedEvent, aNewOrder } from '@qmt/persistence/testing';
import { apiClient, eventually, startTestDesk, type TestDesk } from '@qmt/testkit';

const stranded = aNewOrder({
  orderId: 'Q000000000000000042',
  clientOrderId: 'before-crash',
  createdAt: new Date(Date.now() - 60_000),
});

describe('after a crash between writing an order and hearing from risk', () => {
  let desk: TestDesk;

  beforeAll(async () => {
    desk = await startTestDesk({
      // What the dead OMS left behind: the order and its CREATED event, nothing more.
      prepare: async (url) => {
        const dataSource = createDataSource({ url, poolSize: 1 });
        await dataSource.initialize();
        await new OrderStore(dataSource).insertPending(stranded, aCreatedEvent(stranded));
        await dataSource.destroy();
      },
    });
  });

  afterAll(async () => {
    await desk?.close();
  });

  it('routes the order exactly once and fills it', async () => {
    const alpha = apiClient(desk.app.httpUrl, 'dev-alpha');
    let last: unknown;
    const filled = await eventually(
      async () => {
        const detail = await alpha.get(`/v1/orders/${stranded.orderId}`);
        last = detail.body;
        return detail.body.status === 'ORDER_SUCCEEDED' ? detail.body : undefined;
      },
      {
        timeoutMs: 20_000,
        what: () => `the stranded order to fill (last seen ${JSON.stringify(last)})`,
      },
    );
    const types = (filled.events as { type: string }[]).map((e) => e.type);
    expect(types.filter((t) => t === 'RISK_APPROVED')).toHaveLength(1);
    expect(types.filter((t) => t === 'ORDER_ACK')).toHaveLength(1);
    expect(filled.trades).toHaveLength(1);
  });
});
