// The desk's shared view: order and trade lists with filters and cursors, instruments, accounts.
import type { DeskApp } from '@qmt/desk';
import { apiClient, eventually, marketableBuy, startTestDesk, type TestDesk } from '@qmt/testkit';

describe('blotter and reference queries', () => {
  let desk: TestDesk;
  let app: DeskApp;
  const ids: string[] = [];

  beforeAll(async () => {
    desk = await startTestDesk();
    app = desk.app;
    const alpha = apiClient(app.httpUrl, 'dev-alpha');
    for (let n = 0; n < 5; n += 1) {
      const response = await alpha.post('/v1/orders', marketableBuy('SIM-STOCK', `b-${n}`));
      ids.push(String(response.body.orderId));
    }
    await alpha.post('/v1/orders', marketableBuy('SIM-STOCK', 'odd-lot', 150));
    await eventually(async () => {
      const trades = await alpha.get('/v1/trades?limit=500');
      return (trades.body.items as unknown[]).length === 5 ? true : undefined;
    });
  });

  afterAll(async () => {
    await desk?.close();
  });

  it('pages through orders newest first with a cursor, no gaps, no repeats', async () => {
    const alpha = apiClient(app.httpUrl, 'dev-alpha');
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const path: string = `/v1/orders?limit=2${cursor === null ? '' : `&cursor=${cursor}`}`;
      const page = await alpha.get(path);
      expect(page.status).toBe(200);
      seen.push(...(page.body.items as { orderId: string }[]).map((o) => o.orderId));
      cursor = page.body.nextCursor as string | null;
    } while (cursor !== null);
    expect(seen).toHaveLength(6);
    expect(new Set(seen).size).toBe(6);
    expect(seen.slice(1)).toEqual([...ids].reverse());
  });

  it('filters by status and symbol, and keeps strategies to their own orders', async () => {
    const rejected = await apiClient(app.httpUrl, 'dev-alpha').get('/v1/orders?status=REJECTED');
    expect(
      (rejected.body.items as { clientOrderId: string }[]).map((o) => o.clientOrderId),
    ).toEqual(['odd-lot']);
    const none = await apiClient(app.httpUrl, 'dev-alpha').get('/v1/orders?symbol=600000.SH');
    expect(none.body.items).toEqual([]);
    const beta = await apiClient(app.httpUrl, 'dev-beta').get('/v1/orders');
    expect(beta.body.items).toEqual([]);
    expect(
      (await apiClient(app.httpUrl, 'dev-beta').get('/v1/orders?strategyId=alpha')).status,
    ).toBe(403);
    const risk = await apiClient(app.httpUrl, 'dev-risk').get(
      '/v1/orders?strategyId=alpha&limit=500',
    );
    expect((risk.body.items as unknown[]).length).toBe(6);
  });

  it('lists trades with their orders', async () => {
    const trades = await apiClient(app.httpUrl, 'dev-alpha').get('/v1/trades?symbol=000001.SZ');
    const items = trades.body.items as { orderId: string; quantity: number; strategyId: string }[];
    expect(items).toHaveLength(5);
    expect(new Set(items.map((t) => t.orderId))).toEqual(new Set(ids));
    expect(items.every((t) => t.quantity === 100 && t.strategyId === 'alpha')).toBe(true);
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=abc', 'limit'],
    ['limit=501', 'limit'],
    ['status=FILLED', 'status'],
    ['from=yesterday', 'from'],
    ['cursor=not-a-cursor', 'cursor'],
    ['colour=red', 'colour'],
    ['from=2026-11-24T10:00:00Z&to=2026-11-24T09:00:00Z', 'to'],
  ])('answers ?%s with a 400 naming %s', async (query, field) => {
    const response = await apiClient(app.httpUrl, 'dev-alpha').get(`/v1/orders?${query}`);
    expect(response.status).toBe(400);
    const fields = (response.body.error as { fields: { path: string }[] }).fields.map(
      (f) => f.path,
    );
    expect(fields).toContain(field);
  });

  it('serves instruments with lot, tick and today’s limits', async () => {
    const alpha = apiClient(app.httpUrl, 'dev-alpha');
    expect((await alpha.get('/v1/instruments/000001.SZ')).body).toMatchObject({
      symbol: '000001.SZ',
      type: 'STOCK',
      board: 'MAIN',
      lotSize: 100,
      tickSize: 0.01,
      upLimit: 12.65,
      downLimit: 10.35,
      preClose: 11.5,
      status: 'TRADING',
    });
    expect((await alpha.get('/v1/instruments/688981.SH')).body).toMatchObject({
      lotSize: 200,
      board: 'STAR',
      upLimit: 108,
    });
    expect((await alpha.get('/v1/instruments/510300.SH')).body).toMatchObject({
      type: 'ETF',
      tickSize: 0.001,
    });
    expect((await alpha.get('/v1/instruments/999999.SH')).status).toBe(404);
  });

  it("shows each strategy's book beside the broker's own position", async () => {
    const risk = await eventually(async () => {
      const response = await apiClient(app.httpUrl, 'dev-risk').get(
        '/v1/positions?accountId=SIM-STOCK',
      );
      const items = response.body.items as { symbol: string; broker: { volume: number } | null }[];
      const pingAn = items.find((p) => p.symbol === '000001.SZ');
      return pingAn?.broker?.volume === 50_500 ? items : undefined;
    });
    expect(risk.find((p) => p.symbol === '000001.SZ')).toMatchObject({
      books: expect.arrayContaining([
        { strategyId: 'beta', quantity: 50_000 },
        { strategyId: 'alpha', quantity: 500 },
      ]) as unknown,
      broker: { volume: 50_500, sellable: 50_000 },
    });
    expect(risk.find((p) => p.symbol === '510300.SH')).toMatchObject({
      books: [{ strategyId: null, quantity: 200_000 }],
    });
    const alpha = await apiClient(app.httpUrl, 'dev-alpha').get('/v1/positions');
    const alphaBooks = (
      alpha.body.items as { symbol: string; books: { strategyId: string }[] }[]
    ).map((p) => [p.symbol, p.books.map((b) => b.strategyId)]);
    expect(alphaBooks).toEqual([
      ['000001.SZ', ['alpha']],
      ['600000.SH', ['alpha']],
    ]);
    expect(
      (await apiClient(app.httpUrl, 'dev-alpha').get('/v1/positions?strategyId=beta')).status,
    ).toBe(403);
  });

  it('shows each caller its accounts, with the broker asset and the connector state', async () => {
    const alpha = await apiClient(app.httpUrl, 'dev-alpha').get('/v1/accounts');
    expect((alpha.body.items as { accountId: string }[]).map((a) => a.accountId)).toEqual([
      'SIM-STOCK',
      'SIM-CREDIT',
      'SIM-FUTURE',
    ]);
    const beta = await apiClient(app.httpUrl, 'dev-beta').get('/v1/accounts');
    expect((beta.body.items as { accountId: string }[]).map((a) => a.accountId)).toEqual([
      'SIM-STOCK',
    ]);
    expect((await apiClient(app.httpUrl, 'dev-beta').get('/v1/accounts/SIM-CREDIT')).status).toBe(
      404,
    );
    const stock = await eventually(async () => {
      const response = await apiClient(app.httpUrl, 'dev-risk').get('/v1/accounts/SIM-STOCK');
      return response.body.asset === null ? undefined : response.body;
    });
    expect(stock).toMatchObject({
      type: 'STOCK',
      connectorId: 'sim-1',
      connector: { state: 'UP' },
    });
    // 10,000,000 CNY less five 100-share fills at 11.51.
    expect((stock.asset as { cash: number }).cash).toBe(10_000_000 - 5 * 1151);
  });
});
