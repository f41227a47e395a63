// Two risk instances leasing the accounts (docs/risk-service.md "Leases"), as processes beside
// one OMS and a sim connector: the OMS talks to risk-a, which does not own SIM-STOCK; its checks,
// cancels and algo parents reach risk-b, the lease holder, whose workers alone run the parent's
// buckets; a stopped risk-b's account moves to risk-a. The exchange clock runs 30× from 10:00.
import {
  apiClient,
  buyUntilFilled,
  eventually,
  fastSimClock,
  marketableBuy,
  startServices,
  TEST_REDIS_URL,
  type AlgoJson,
  type RunningServices,
} from '@qmt/testkit';
import { Redis } from 'ioredis';

describe('several risk instances: the OMS follows the account leases', () => {
  let services: RunningServices;
  const redis = new Redis(TEST_REDIS_URL);
  const holder = (accountId: string) => redis.get(`qmt:risk:lease:${accountId}`);

  beforeAll(async () => {
    const fast = fastSimClock('10:00:00', 30);
    services = await startServices({
      secondRisk: { accounts: ['SIM-STOCK'] },
      env: fast.env(Date.now()),
    });
    await eventually(async () => ((await holder(services.account)) === null ? undefined : true), {
      what: 'risk-b to lease SIM-STOCK',
    });
  }, 60_000);

  afterAll(async () => {
    await services?.stop();
    redis.disconnect();
  });

  it('has risk-b holding SIM-STOCK and risk-a the other accounts', async () => {
    expect(await holder(services.account)).toBe(services.riskInstances.risk2);
    expect(await holder(`SIM-CREDIT-${services.suffix}`)).toBe(services.riskInstances.risk);
  });

  it('fills an order on SIM-STOCK sent to risk-a, checked and routed by risk-b', async () => {
    const alpha = apiClient(services.urls.oms, 'dev-alpha');
    const filled = await buyUntilFilled(alpha, services.account, `lease-${services.suffix}`);
    expect(filled.filledQuantity).toBe(100);
  });

  it('cancels a resting order on SIM-STOCK through the owner', async () => {
    const alpha = apiClient(services.urls.oms, 'dev-alpha');
    const resting = await alpha.post('/v1/orders', {
      ...marketableBuy(services.account, `lease-rest-${services.suffix}`),
      price: 11.4,
    });
    expect(resting.status).toBe(201);
    const orderId = String(resting.body.orderId);
    await eventually(async () =>
      (await alpha.get(`/v1/orders/${orderId}`)).body.status === 'ORDER_REPORTED'
        ? true
        : undefined,
    );
    const cancel = await alpha.post(`/v1/orders/${orderId}/cancel`);
    expect(cancel.status).toBe(202);
    const cancelled = await eventually(async () => {
      const detail = await alpha.get(`/v1/orders/${orderId}`);
      return detail.body.status === 'ORDER_CANCELED' ? detail.body : undefined;
    });
    expect(cancelled.filledQuantity).toBe(0);
  });

  it('runs an algo parent on SIM-STOCK on risk-b: every bucket sends its child, none refused', async () => {
    const alpha = apiClient(services.urls.oms, 'dev-alpha');
    const submitted = await alpha.post('/v1/orders', {
      accountId: services.account,
      clientOrderId: `lease-twap-${services.suffix}`,
      symbol: '000001.SZ',
      side: 'BUY',
      quantity: 1_000,
      priceType: 'LIMIT',
      price: 11.55,
      // Five one-minute buckets (ten wall seconds); AGGRESSIVE takes the ask, so each child fills.
      algo: { type: 'TWAP', durationSeconds: 300, bucketSeconds: 60, urgency: 'AGGRESSIVE' },
    });
    expect(submitted.status).toBe(201);
    expect({ status: submitted.body.status, rejection: submitted.body.rejection }).toEqual({
      status: 'ROUTED',
      rejection: null,
    });
    const parentId = String(submitted.body.orderId);
    const done = await eventually(
      async () => {
        const detail = (await alpha.get(`/v1/orders/${parentId}`)).body;
        const algo = detail.algo as AlgoJson | undefined;
        const ended = ['ORDER_SUCCEEDED', 'ORDER_PART_CANCEL', 'ORDER_CANCELED'];
        return algo !== undefined &&
          ['COMPLETED', 'EXPIRED'].includes(algo.state) &&
          ended.includes(String(detail.status))
          ? detail
          : undefined;
      },
      { timeoutMs: 40_000, intervalMs: 250, what: `parent ${parentId} to finish` },
    );
    const algo = done.algo as AlgoJson;
    expect(algo.buckets.map((b) => b.skipped)).toEqual(algo.buckets.map(() => null));
    expect(algo.state).toBe('COMPLETED');
    expect(done.filledQuantity).toBe(1_000);
  }, 60_000);

  it('moves SIM-STOCK to risk-a when risk-b stops, and orders on it go on', async () => {
    await services.kill('risk2', 'SIGTERM');
    await eventually(
      async () =>
        (await holder(services.account)) === services.riskInstances.risk ? true : undefined,
      { timeoutMs: 20_000, what: 'risk-a to take SIM-STOCK over' },
    );
    const alpha = apiClient(services.urls.oms, 'dev-alpha');
    const submitted = await alpha.post(
      '/v1/orders',
      marketableBuy(services.account, `lease-after-${services.suffix}`),
    );
    // The OMS last saw risk-b owning the account: that call fails (503 RISK_UNAVAILABLE, the
    // order held in PENDING_RISK) and the sweeper's retry goes to risk-a.
    expect([201, 503]).toContain(submitted.status);
    const orderId = String(
      submitted.status === 201
        ? submitted.body.orderId
        : (submitted.body.error as Record<string, unknown>).orderId,
    );
    const filled = await eventually(
      async () => {
        const detail = await alpha.get(`/v1/orders/${orderId}`);
        return detail.body.status === 'ORDER_SUCCEEDED' ? detail.body : undefined;
      },
      { timeoutMs: 20_000, what: 'the order after the takeover to fill' },
    );
    expect(filled.filledQuantity).toBe(100);
  }, 60_000);
});
