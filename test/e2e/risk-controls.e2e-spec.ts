// The risk controls through the desk's front door (issue 5): limits change at once and a bad
// document is a 400 naming the path with nothing changed; the kill switch refuses, lets a
// reducing sell through, cancels the scope's open orders and survives a restart; every change
// is in the audit trail with its before and after.
import { createDeskApp, type DeskApp } from '@qmt/desk';
import { createLogger } from '@qmt/observability';
import { createTestDatabase, type TestDatabase } from '@qmt/persistence/testing';
import { SHIPPED_DESK, apiClient, eventually, freePort } from '@qmt/testkit';

const RISK = 'dev-risk';
const ALPHA = 'dev-alpha';

let serial = 0;
const order = (overrides: Record<string, unknown> = {}) => ({
  accountId: 'SIM-STOCK',
  clientOrderId: `rc-${++serial}`,
  symbol: '000001.SZ',
  side: 'BUY',
  // A different size each time, so the duplicate-order rule never meets these.
  quantity: 100 * (1 + (serial % 9)),
  priceType: 'LIMIT',
  price: 10.5 - (serial % 7) * 0.01,
  ...overrides,
});

async function startDesk(db: TestDatabase): Promise<DeskApp> {
  return createDeskApp({
    desk: SHIPPED_DESK,
    risk: { mode: 'in-process' },
    httpPort: 0,
    grpcPort: await freePort(),
    logger: createLogger('silent'),
    databaseUrl: db.url,
  });
}

describe('risk controls', () => {
  let db: TestDatabase;
  let app: DeskApp;

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await startDesk(db);
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('serves the desk file limits, seeded on the first start', async () => {
    const response = await apiClient(app.httpUrl, RISK).get('/v1/risk/limits');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      version: 1,
      limits: {
        global: { maxOrderQuantity: 1_000_000, maxCancelRatio: 0.9 },
        programmaticTrading: { messagesPerSecond: 300, messagesPerDay: 20_000 },
      },
    });
  });

  it('applies a good change at once and audits it with before and after', async () => {
    const risk = apiClient(app.httpUrl, RISK);
    const before = (await risk.get('/v1/risk/limits')).body.limits as Record<string, unknown>;
    const next = {
      ...before,
      global: { ...(before.global as object), maxOrderQuantity: 500 },
    };
    const put = await risk.put('/v1/risk/limits', next);
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ version: 2, limits: { global: { maxOrderQuantity: 500 } } });
    const alpha = apiClient(app.httpUrl, ALPHA);
    const atCap = await alpha.post('/v1/orders', order({ quantity: 500 }));
    expect(atCap.body.status).not.toBe('REJECTED');
    const past = await alpha.post('/v1/orders', order({ quantity: 600 }));
    expect(past.body).toMatchObject({ status: 'REJECTED', rejection: { rule: 'MAX_ORDER_QTY' } });
    const audit = await apiClient(app.httpUrl, 'dev-admin').get('/v1/audit?type=LIMIT_CHANGE');
    const items = audit.body.items as { actor: string; detail: Record<string, unknown> }[];
    expect(items.at(-1)).toMatchObject({
      actor: 'risk-officer',
      detail: {
        version: 2,
        before: { global: { maxOrderQuantity: 1_000_000 } },
        after: { global: { maxOrderQuantity: 500 } },
      },
    });
    expect((await risk.put('/v1/risk/limits', before)).status).toBe(200);
  });

  it.each([
    ['an unknown rule', { global: { maxOrderQty: 5 } }, 'global.maxOrderQty'],
    ['a wrong type', { global: { maxOrderQuantity: 'many' } }, 'global.maxOrderQuantity'],
    [
      'a negative cap',
      { accounts: { 'SIM-STOCK': { maxDailyLoss: -1 } } },
      'accounts.SIM-STOCK.maxDailyLoss',
    ],
    [
      'a ratio above 1',
      { strategies: { alpha: { maxPositionShare: 1.5 } } },
      'strategies.alpha.maxPositionShare',
    ],
  ])('refuses %s with a 400 naming the path and changes nothing', async (_what, body, path) => {
    const risk = apiClient(app.httpUrl, RISK);
    const before = await risk.get('/v1/risk/limits');
    const put = await risk.put('/v1/risk/limits', body);
    expect(put.status).toBe(400);
    const error = put.body.error as { fields: { path: string }[] };
    expect(error.fields.map((f) => f.path)).toContain(path);
    expect((await risk.get('/v1/risk/limits')).body).toEqual(before.body);
  });

  it('refuses a kill switch on an unknown scope with a 400', async () => {
    const response = await apiClient(app.httpUrl, RISK).post('/v1/risk/kill-switch', {
      scope: { type: 'account', id: 'NO-SUCH' },
      mode: 'HALTED',
    });
    expect(response.status).toBe(400);
    expect((response.body.error as { fields: { path: string }[] }).fields[0]?.path).toBe(
      'scope.id',
    );
  });

  it('HALTED refuses, REDUCE_ONLY lets a reducing sell through, cancelOpen cancels, a restart keeps it', async () => {
    const alpha = apiClient(app.httpUrl, ALPHA);
    const risk = apiClient(app.httpUrl, RISK);
    const resting = await alpha.post('/v1/orders', order());
    expect(resting.status).toBe(201);
    const restingId = resting.body.orderId as string;
    await eventually(
      async () => {
        const detail = await alpha.get(`/v1/orders/${restingId}`);
        return detail.body.status === 'ORDER_REPORTED' ? true : undefined;
      },
      { timeoutMs: 10_000, what: () => 'the resting order to be reported' },
    );
    const halt = await risk.post('/v1/risk/kill-switch', {
      scope: { type: 'strategy', id: 'alpha' },
      mode: 'HALTED',
      cancelOpen: true,
      reason: 'test',
    });
    expect(halt.status).toBe(200);
    expect(halt.body).toMatchObject({ before: 'ACTIVE', mode: 'HALTED' });
    expect(halt.body.cancelled).toContain(restingId);
    await eventually(
      async () => {
        const detail = await alpha.get(`/v1/orders/${restingId}`);
        return detail.body.status === 'ORDER_CANCELED' ? true : undefined;
      },
      { timeoutMs: 10_000, what: () => 'the open order to be cancelled by the kill switch' },
    );
    const refused = await alpha.post('/v1/orders', order());
    expect(refused.body).toMatchObject({ status: 'REJECTED', rejection: { rule: 'KILL_SWITCH' } });

    await app.close();
    app = await startDesk(db);
    const again = await apiClient(app.httpUrl, ALPHA).post('/v1/orders', order());
    expect(again.body).toMatchObject({ status: 'REJECTED', rejection: { rule: 'KILL_SWITCH' } });

    const reduce = await apiClient(app.httpUrl, RISK).post('/v1/risk/kill-switch', {
      scope: { type: 'strategy', id: 'alpha' },
      mode: 'REDUCE_ONLY',
    });
    expect(reduce.body).toMatchObject({ before: 'HALTED', mode: 'REDUCE_ONLY' });
    const after = apiClient(app.httpUrl, ALPHA);
    const buy = await after.post('/v1/orders', order());
    expect(buy.body).toMatchObject({ status: 'REJECTED', rejection: { rule: 'KILL_SWITCH' } });
    // alpha owns 100,000 600000.SH from the previous day: selling some reduces its book.
    const sell = await after.post(
      '/v1/orders',
      order({ symbol: '600000.SH', side: 'SELL', quantity: 1_000, price: 8.3 }),
    );
    expect(sell.body.status).not.toBe('REJECTED');
    const audit = await apiClient(app.httpUrl, 'dev-admin').get('/v1/audit?type=KILL_SWITCH');
    const details = (audit.body.items as { detail: Record<string, unknown> }[]).map(
      (i) => i.detail,
    );
    expect(details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ before: 'ACTIVE', after: 'HALTED', cancelOpen: true }),
        expect.objectContaining({ before: 'HALTED', after: 'REDUCE_ONLY' }),
      ]),
    );
    await apiClient(app.httpUrl, RISK).post('/v1/risk/kill-switch', {
      scope: { type: 'strategy', id: 'alpha' },
      mode: 'ACTIVE',
    });
  });
});
