// Bad input and auth at the front door: each malformed order is a 400 naming the field, and
// nothing is written; keys and roles answer 401/403 (API.md).
import type { DeskApp } from '@qmt/desk';
import type { TestDatabase } from '@qmt/persistence/testing';
import { apiClient, startTestDesk, type TestDesk } from '@qmt/testkit';
import pg from 'pg';

const valid = {
  accountId: 'SIM-STOCK',
  clientOrderId: 'v-1',
  symbol: '000001.SZ',
  side: 'BUY',
  quantity: 100,
  priceType: 'LIMIT',
  price: 11.6,
};

describe('the order front door refuses bad input', () => {
  let desk: TestDesk;
  let db: TestDatabase;
  let app: DeskApp;

  beforeAll(async () => {
    desk = await startTestDesk();
    app = desk.app;
    db = desk.db;
  });

  afterAll(async () => {
    await desk?.close();
  });

  async function orderRows(): Promise<number> {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const result = await client.query<{ n: string }>('SELECT count(*)::text AS n FROM orders');
      return Number(result.rows[0]?.n);
    } finally {
      await client.end();
    }
  }

  it.each<[string, Record<string, unknown>, string]>([
    ['missing accountId', { accountId: undefined }, 'accountId'],
    ['missing clientOrderId', { clientOrderId: undefined }, 'clientOrderId'],
    ['quantity as a string', { quantity: '100' }, 'quantity'],
    ['fractional quantity', { quantity: 100.5 }, 'quantity'],
    ['zero quantity', { quantity: 0 }, 'quantity'],
    ['negative quantity', { quantity: -100 }, 'quantity'],
    ['unknown side', { side: 'HOLD' }, 'side'],
    ['unknown price type', { priceType: 'CHEAP' }, 'priceType'],
    ['malformed symbol', { symbol: '000001' }, 'symbol'],
    ['unknown market suffix', { symbol: '000001.XX' }, 'symbol'],
    ['price as a string', { price: '11.6' }, 'price'],
    ['limit order without a price', { price: undefined }, 'price'],
    ['unknown field', { leverage: 10 }, 'leverage'],
    ['both side and orderType', { orderType: 23 }, 'side'],
  ])('%s is a 400 naming %s', async (_case, change, field) => {
    const body = { ...valid, ...change, clientOrderId: change.clientOrderId ?? `bad-${field}` };
    for (const [key, value] of Object.entries(change)) {
      if (value === undefined) {
        delete (body as Record<string, unknown>)[key];
      }
    }
    const response = await apiClient(app.httpUrl, 'dev-alpha').post('/v1/orders', body);
    expect(response.status).toBe(400);
    const error = response.body.error as { code: string; fields: { path: string }[] };
    expect(error.fields.map((f) => f.path)).toContain(field);
    expect(await orderRows()).toBe(0);
  });

  it('answers a non-JSON body with 400 MALFORMED_JSON', async () => {
    const response = await apiClient(app.httpUrl, 'dev-alpha').post('/v1/orders', '{"accountId": ');
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code: 'MALFORMED_JSON' });
    expect(await orderRows()).toBe(0);
  });

  it('publishes the OpenAPI document and its UI at /docs without a key', async () => {
    const document = await apiClient(app.httpUrl).get('/docs/openapi.json');
    expect(document.status).toBe(200);
    const paths = Object.keys(document.body.paths as Record<string, unknown>);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/v1/orders',
        '/v1/orders/{orderId}',
        '/v1/orders/{orderId}/cancel',
        '/v1/trades',
        '/v1/positions',
        '/v1/stream',
        '/health/ready',
      ]) as unknown,
    );
    const schemas = (
      document.body.components as { schemas: Record<string, { properties: object }> }
    ).schemas;
    expect(Object.keys(schemas.CreateOrderDto?.properties ?? {})).toEqual(
      expect.arrayContaining([
        'accountId',
        'clientOrderId',
        'symbol',
        'quantity',
        'priceType',
      ]) as unknown,
    );
    expect((await fetch(`${app.httpUrl}/docs`)).status).toBe(200);
  });

  it('answers 401 without a key or with an unknown key', async () => {
    expect((await apiClient(app.httpUrl).post('/v1/orders', valid)).status).toBe(401);
    expect((await apiClient(app.httpUrl, 'nope').get('/v1/clock')).status).toBe(401);
    expect((await apiClient(app.httpUrl).get('/health/live')).status).toBe(200);
  });

  it('answers 403 for an account the strategy may not trade, and for non-strategy roles', async () => {
    const beta = await apiClient(app.httpUrl, 'dev-beta').post('/v1/orders', {
      ...valid,
      accountId: 'SIM-CREDIT',
      clientOrderId: 'beta-credit',
    });
    expect(beta.status).toBe(403);
    expect(beta.body.error).toMatchObject({ code: 'ACCOUNT_NOT_PERMITTED' });
    const auditor = await apiClient(app.httpUrl, 'dev-audit').post('/v1/orders', valid);
    expect(auditor.status).toBe(403);
    expect(await orderRows()).toBe(0);
  });

  it("keeps strategies out of each other's orders", async () => {
    const created = await apiClient(app.httpUrl, 'dev-alpha').post('/v1/orders', {
      ...valid,
      clientOrderId: 'alpha-own',
    });
    expect(created.status).toBe(201);
    const id = String(created.body.orderId);
    expect((await apiClient(app.httpUrl, 'dev-beta').get(`/v1/orders/${id}`)).status).toBe(404);
    expect((await apiClient(app.httpUrl, 'dev-risk').get(`/v1/orders/${id}`)).status).toBe(200);
    expect((await apiClient(app.httpUrl, 'dev-beta').post(`/v1/orders/${id}/cancel`)).status).toBe(
      404,
    );
    expect((await apiClient(app.httpUrl, 'dev-audit').post(`/v1/orders/${id}/cancel`)).status).toBe(
      403,
    );
  });
});
