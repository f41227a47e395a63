// The distributed deployment: oms, risk and one sim connector as three processes (the built
// apps/*/dist/main.js, as the README runs them) sharing only Postgres and Redis.
import {
  apiClient,
  eventually,
  marketableBuy,
  NOT_APPROVED_STATUSES,
  startServices,
  type RunningServices,
} from '@qmt/testkit';

describe('each service alone, against Postgres and Redis', () => {
  let services: RunningServices;

  beforeAll(async () => {
    services = await startServices();
  }, 60_000);

  afterAll(async () => {
    await services?.stop();
  });

  it('routes a marketable buy through risk over gRPC and the connector over BullMQ to a fill', async () => {
    const alpha = apiClient(services.urls.oms, 'dev-alpha');
    const submitted = await alpha.post(
      '/v1/orders',
      marketableBuy(services.account, `alone-${services.suffix}`),
    );
    expect(submitted.status).toBe(201);
    expect(NOT_APPROVED_STATUSES).not.toContain(submitted.body.status);
    const filled = await eventually(async () => {
      const detail = await alpha.get(`/v1/orders/${String(submitted.body.orderId)}`);
      return detail.body.status === 'ORDER_SUCCEEDED' ? detail.body : undefined;
    });
    expect(filled.filledQuantity).toBe(100);
    expect((filled.trades as unknown[]).length).toBe(1);
  });
});
