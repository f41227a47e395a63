// The distributed deployment: oms, risk and one sim connector as three processes (the built
// apps/*/dist/main.js, as the README runs them) sharing only Postgres and Redis.
import { apiClient, buyUntilFilled, startServices, type RunningServices } from '@qmt/testkit';

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
    const filled = await buyUntilFilled(alpha, services.account, `alone-${services.suffix}`);
    expect(filled.filledQuantity).toBe(100);
    expect((filled.trades as unknown[]).length).toBe(1);
  });
});
