// An order acknowledged (written in PENDING_RISK) just before the OMS died is finished after
// the restart: asked to risk again, routed once, filled.
import { resolve } from 'node:path';
import { loadDeskConfig } from '@qmt/contracts';
import { createDeskApp, type DeskApp } from '@qmt/desk';
import { createLogger } from '@qmt/observability';
import { OrderStore, createDataSource } from '@qmt/persistence';
import { createTestDatabase, type TestDatabase } from '@qmt/persistence/testing';
import { apiClient, eventually, freePort } from '@qmt/testkit';

const desk = loadDeskConfig(resolve(import.meta.dirname, '../../config/desk.yaml'));
const ORDER_ID = 'Q000000000000000042';

describe('after a crash between writing an order and hearing from risk', () => {
  let db: TestDatabase;
  let app: DeskApp;

  beforeAll(async () => {
    db = await createTestDatabase();
    // What the dead OMS left behind: the order and its CREATED event, nothing more.
    const dataSource = createDataSource({ url: db.url, poolSize: 1 });
    await dataSource.initialize();
    const createdAt = new Date(Date.now() - 60_000);
    await new OrderStore(dataSource).insertPending(
      {
        orderId: ORDER_ID,
        clientOrderId: 'before-crash',
        requestHash: 'h',
        accountId: 'SIM-STOCK',
        strategyId: 'alpha',
        symbol: '000001.SZ',
        side: 'BUY',
        orderType: 23,
        priceType: 11,
        price: 116000,
        quantity: 100,
        parentId: null,
        createdAt,
      },
      {
        eventId: `created:${ORDER_ID}`,
        orderId: ORDER_ID,
        accountId: 'SIM-STOCK',
        type: 'CREATED',
        source: 'oms',
        payload: {},
        ts: createdAt,
      },
    );
    await dataSource.destroy();
    app = await createDeskApp({
      desk,
      databaseUrl: db.url,
      risk: { mode: 'in-process' },
      httpPort: 0,
      grpcPort: await freePort(),
      logger: createLogger('silent'),
    });
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('routes the order exactly once and fills it', async () => {
    const alpha = apiClient(app.httpUrl, 'dev-alpha');
    let last: unknown;
    const filled = await eventually(
      async () => {
        const detail = await alpha.get(`/v1/orders/${ORDER_ID}`);
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
