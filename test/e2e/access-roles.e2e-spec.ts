// Every role against every endpoint, HTTP and gRPC (docs/security.md "Roles"): allowed and
// refused, with the status. Roles come from one table (ACCESS), so both transports must agree.
import { Metadata, status } from '@grpc/grpc-js';
import type { DeskApp } from '@qmt/desk';
import {
  apiClient,
  grpcClient,
  openEventStream,
  startTestDesk,
  SHIPPED_DESK,
  type GrpcMessage,
  type TestDesk,
} from '@qmt/testkit';
import { resolve } from 'node:path';

const KEYS = {
  alpha: 'dev-alpha',
  beta: 'dev-beta',
  risk: 'dev-risk',
  compliance: 'dev-audit',
  admin: 'dev-admin',
  none: undefined,
} as const;
type Who = keyof typeof KEYS;
const WHO = Object.keys(KEYS) as Who[];

/** alpha, beta (another strategy), risk, compliance, admin, no key. */
type Expect = readonly [number, number, number, number, number, number];
const everyone = (code: number): Expect => [code, code, code, code, code, 401];

interface HttpRow {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly route: string;
  readonly path: (key: string | undefined) => Promise<string> | string;
  readonly body?: (key: string | undefined) => unknown;
  readonly expect: Expect;
}

let serial = 0;
const restingBuy = (clientOrderId: string) => ({
  accountId: 'SIM-STOCK',
  clientOrderId,
  symbol: '000001.SZ',
  side: 'BUY',
  quantity: 100,
  priceType: 'LIMIT',
  // Well under the ask: the order rests, so it can still be cancelled.
  price: 10.5,
});

describe('roles against every endpoint', () => {
  let desk: TestDesk;
  let app: DeskApp;
  let alphaOrder: string;
  let grpc: ReturnType<typeof grpcClient>;

  /** A fresh resting order of strategy alpha (each cancel needs one still open). */
  async function restingAlphaOrder(): Promise<string> {
    serial += 1;
    const response = await apiClient(app.httpUrl, KEYS.alpha).post(
      '/v1/orders',
      restingBuy(`roles-${serial}`),
    );
    expect(response.status).toBe(201);
    return response.body.orderId as string;
  }

  beforeAll(async () => {
    desk = await startTestDesk({
      deskConfigPath: resolve(import.meta.dirname, '../../config/desk.yaml'),
    });
    app = desk.app;
    alphaOrder = await restingAlphaOrder();
    grpc = grpcClient(app.grpcUrl);
  });

  afterAll(async () => {
    grpc?.close();
    await desk?.close();
  });

  const HTTP: readonly HttpRow[] = [
    {
      method: 'POST',
      route: '/v1/orders',
      path: () => '/v1/orders',
      body: () => restingBuy(`submit-${++serial}`),
      expect: [201, 201, 403, 403, 403, 401],
    },
    {
      method: 'POST',
      route: '/v1/orders/{orderId}/cancel',
      path: async () => `/v1/orders/${await restingAlphaOrder()}/cancel`,
      expect: [202, 404, 202, 403, 202, 401],
    },
    {
      method: 'DELETE',
      route: '/v1/orders/{orderId}',
      path: async () => `/v1/orders/${await restingAlphaOrder()}`,
      expect: [202, 404, 202, 403, 202, 401],
    },
    // A plain order is no algo parent: a caller allowed to ask gets 409, the others 403/404.
    {
      method: 'POST',
      route: '/v1/orders/{orderId}/pause',
      path: () => `/v1/orders/${alphaOrder}/pause`,
      expect: [409, 404, 409, 403, 409, 401],
    },
    {
      method: 'POST',
      route: '/v1/orders/{orderId}/resume',
      path: () => `/v1/orders/${alphaOrder}/resume`,
      expect: [409, 404, 409, 403, 409, 401],
    },
    {
      method: 'GET',
      route: '/v1/orders/{orderId}',
      path: () => `/v1/orders/${alphaOrder}`,
      expect: [200, 404, 200, 200, 200, 401],
    },
    { method: 'GET', route: '/v1/orders', path: () => '/v1/orders', expect: everyone(200) },
    {
      method: 'GET',
      route: '/v1/orders',
      path: () => '/v1/orders?strategyId=alpha',
      expect: [200, 403, 200, 200, 200, 401],
    },
    { method: 'GET', route: '/v1/trades', path: () => '/v1/trades', expect: everyone(200) },
    {
      method: 'GET',
      route: '/v1/trades',
      path: () => '/v1/trades?strategyId=alpha',
      expect: [200, 403, 200, 200, 200, 401],
    },
    { method: 'GET', route: '/v1/positions', path: () => '/v1/positions', expect: everyone(200) },
    {
      method: 'GET',
      route: '/v1/positions',
      path: () => '/v1/positions?strategyId=alpha',
      expect: [200, 403, 200, 200, 200, 401],
    },
    { method: 'GET', route: '/v1/accounts', path: () => '/v1/accounts', expect: everyone(200) },
    {
      method: 'GET',
      route: '/v1/accounts/{accountId}',
      path: () => '/v1/accounts/SIM-CREDIT',
      expect: [200, 404, 200, 200, 200, 401],
    },
    {
      method: 'GET',
      route: '/v1/instruments/{symbol}',
      path: () => '/v1/instruments/000001.SZ',
      expect: everyone(200),
    },
    { method: 'GET', route: '/v1/clock', path: () => '/v1/clock', expect: everyone(200) },
    { method: 'GET', route: '/v1/stream', path: () => '/v1/stream', expect: everyone(200) },
    {
      method: 'GET',
      route: '/v1/audit',
      path: () => '/v1/audit',
      expect: [403, 403, 403, 200, 200, 401],
    },
    {
      method: 'GET',
      route: '/v1/audit',
      path: () => '/v1/audit?format=csv',
      expect: [403, 403, 403, 200, 200, 401],
    },
    {
      method: 'GET',
      route: '/v1/audit/verify',
      path: () => '/v1/audit/verify',
      expect: [403, 403, 403, 200, 200, 401],
    },
    {
      method: 'GET',
      route: '/v1/risk/limits',
      path: () => '/v1/risk/limits',
      expect: [403, 403, 200, 200, 200, 401],
    },
    {
      method: 'PUT',
      route: '/v1/risk/limits',
      path: () => '/v1/risk/limits',
      // The shipped limits again: the change is real (a new version) but changes nothing.
      body: () => SHIPPED_DESK.limits,
      expect: [403, 403, 200, 403, 200, 401],
    },
    {
      method: 'POST',
      route: '/v1/risk/kill-switch',
      path: () => '/v1/risk/kill-switch',
      // beta is set ACTIVE, which it already is: allowed callers change nothing.
      body: () => ({ scope: { type: 'strategy', id: 'beta' }, mode: 'ACTIVE' }),
      expect: [403, 403, 200, 403, 200, 401],
    },
    {
      method: 'POST',
      route: '/v1/admin/keys/reload',
      path: () => '/v1/admin/keys/reload',
      expect: [403, 403, 403, 403, 200, 401],
    },
    {
      method: 'POST',
      route: '/v1/sim/ticks',
      path: () => '/v1/sim/ticks',
      body: () => ({ symbol: '600519.SH', lastPrice: 1480 }),
      expect: [403, 403, 200, 403, 200, 401],
    },
    {
      method: 'POST',
      route: '/v1/sim/faults',
      path: () => '/v1/sim/faults',
      // No fault named: the call only reports the sessions' faults, so the desk stays healthy.
      body: () => ({}),
      expect: [403, 403, 200, 403, 200, 401],
    },
    {
      method: 'GET',
      route: '/health/live',
      path: () => '/health/live',
      expect: [200, 200, 200, 200, 200, 200],
    },
    {
      method: 'GET',
      route: '/health/ready',
      path: () => '/health/ready',
      expect: [200, 200, 200, 200, 200, 200],
    },
    {
      method: 'GET',
      route: '/metrics',
      path: () => '/metrics',
      expect: [200, 200, 200, 200, 200, 200],
    },
  ];

  async function httpStatus(row: HttpRow, key: string | undefined): Promise<number> {
    const path = await row.path(key);
    if (row.route === '/v1/stream') {
      const stream = await openEventStream(`${app.httpUrl}${path}`, key);
      stream.close();
      return stream.status;
    }
    const client = apiClient(app.httpUrl, key);
    const response =
      row.method === 'GET'
        ? await client.get(path)
        : row.method === 'DELETE'
          ? await client.delete(path)
          : row.method === 'PUT'
            ? await client.put(path, row.body?.(key))
            : await client.post(path, row.body?.(key));
    return response.status;
  }

  it.each(
    HTTP.flatMap((row) =>
      WHO.map((who, i) => [`${row.method} ${row.route}`, who, row.expect[i]!, row] as const),
    ),
  )('%s as %s answers %i', async (_name, who, expected, row) => {
    expect(await httpStatus(row, KEYS[who])).toBe(expected);
  });

  it('the table names every route the OpenAPI document lists', async () => {
    const document = (await apiClient(app.httpUrl).get('/docs/openapi.json')).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    const listed = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const tested = new Set(HTTP.map((row) => `${row.method} ${row.route}`));
    expect(listed.filter((route) => !tested.has(route))).toEqual([]);
  });

  it('a refused state-changing request is audited with the caller and the status', async () => {
    await apiClient(app.httpUrl, KEYS.compliance).post(`/v1/orders/${alphaOrder}/cancel`);
    const page = await apiClient(app.httpUrl, KEYS.admin).get(
      `/v1/audit?actor=auditor&orderId=${alphaOrder}&type=REQUEST`,
    );
    expect(page.body.items).toContainEqual(
      expect.objectContaining({
        actor: 'auditor',
        role: 'compliance',
        orderId: alphaOrder,
        detail: expect.objectContaining({
          status: 403,
          outcome: 'FORBIDDEN',
          method: 'POST',
        }) as unknown,
      }),
    );
  });

  describe('over gRPC', () => {
    const OK = status.OK;
    const DENIED = status.PERMISSION_DENIED;
    const grpcEveryone = (code: number): Expect => [
      code,
      code,
      code,
      code,
      code,
      status.UNAUTHENTICATED,
    ];
    const GRPC: readonly {
      readonly service: 'OrderService' | 'AuditService' | 'RiskService';
      readonly method: string;
      readonly request: () => Promise<GrpcMessage> | GrpcMessage;
      readonly expect: Expect;
    }[] = [
      {
        service: 'OrderService',
        method: 'SubmitOrder',
        request: () => ({ ...restingBuy(`grpc-submit-${++serial}`), priceType: 'LIMIT' }),
        expect: [OK, OK, DENIED, DENIED, DENIED, status.UNAUTHENTICATED],
      },
      {
        service: 'OrderService',
        method: 'CancelOrder',
        request: async () => ({ orderId: await restingAlphaOrder() }),
        expect: [OK, status.NOT_FOUND, OK, DENIED, OK, status.UNAUTHENTICATED],
      },
      {
        service: 'OrderService',
        method: 'GetOrder',
        request: () => ({ orderId: alphaOrder }),
        expect: [OK, status.NOT_FOUND, OK, OK, OK, status.UNAUTHENTICATED],
      },
      {
        service: 'OrderService',
        method: 'ListOrders',
        request: () => ({}),
        expect: grpcEveryone(OK),
      },
      {
        service: 'OrderService',
        method: 'ListOrders',
        request: () => ({ strategyId: 'alpha' }),
        expect: [OK, DENIED, OK, OK, OK, status.UNAUTHENTICATED],
      },
      {
        service: 'OrderService',
        method: 'ListTrades',
        request: () => ({}),
        expect: grpcEveryone(OK),
      },
      {
        service: 'OrderService',
        method: 'ListPositions',
        request: () => ({}),
        expect: grpcEveryone(OK),
      },
      {
        service: 'AuditService',
        method: 'Query',
        request: () => ({}),
        expect: [DENIED, DENIED, DENIED, OK, OK, status.UNAUTHENTICATED],
      },
      {
        service: 'AuditService',
        method: 'Verify',
        request: () => ({}),
        expect: [DENIED, DENIED, DENIED, OK, OK, status.UNAUTHENTICATED],
      },
      {
        service: 'RiskService',
        method: 'GetLimits',
        request: () => ({}),
        expect: [DENIED, DENIED, OK, OK, OK, status.UNAUTHENTICATED],
      },
      {
        service: 'RiskService',
        method: 'SetLimits',
        request: () => ({ limitsJson: JSON.stringify(SHIPPED_DESK.limits) }),
        expect: [DENIED, DENIED, OK, DENIED, OK, status.UNAUTHENTICATED],
      },
      {
        service: 'RiskService',
        method: 'SetKillSwitch',
        request: () => ({ scope: { type: 'strategy', id: 'beta' }, mode: 'ACTIVE' }),
        expect: [DENIED, DENIED, OK, DENIED, OK, status.UNAUTHENTICATED],
      },
    ];

    it.each(
      GRPC.flatMap((row) =>
        WHO.map((who, i) => [`${row.service}.${row.method}`, who, row.expect[i]!, row] as const),
      ),
    )('%s as %s answers status %i', async (_name, who, expected, row) => {
      const outcome = await grpc.call(row.service, row.method, await row.request(), KEYS[who]);
      expect(outcome.ok ? status.OK : outcome.code).toBe(expected);
    });

    it.each(WHO.map((who, i) => [who, i === 5 ? status.UNAUTHENTICATED : status.OK] as const))(
      'OrderService.StreamUpdates as %s answers status %i',
      async (who, expected) => {
        const outcome = await new Promise<number>((done) => {
          const metadata = new Metadata();
          const key = KEYS[who];
          if (key !== undefined) {
            metadata.set('authorization', `Bearer ${key}`);
          }
          const stream = grpc.stream('StreamUpdates', {}, metadata);
          const timer = setTimeout(() => {
            stream.cancel();
            done(status.OK);
          }, 300);
          stream.on('error', (error) => {
            clearTimeout(timer);
            done(error.code === status.CANCELLED ? status.OK : Number(error.code));
          });
        });
        expect(outcome).toBe(expected);
      },
    );
  });

  describe('a strategy and another strategy’s orders', () => {
    it('beta neither sees nor lists alpha’s order, over HTTP or gRPC', async () => {
      const beta = apiClient(app.httpUrl, KEYS.beta);
      expect((await beta.get(`/v1/orders/${alphaOrder}`)).status).toBe(404);
      const list = await beta.get('/v1/orders?limit=500');
      expect(
        (list.body.items as { strategyId: string }[]).every((o) => o.strategyId === 'beta'),
      ).toBe(true);
      const listed = await grpc.call('OrderService', 'ListOrders', { limit: 500 }, KEYS.beta);
      expect(listed.ok).toBe(true);
      const items = (listed.ok ? listed.response.items : []) as
        { strategyId: string }[] | undefined;
      expect((items ?? []).every((o) => o.strategyId === 'beta')).toBe(true);
    });

    it('beta cannot cancel alpha’s order, and the order stays open', async () => {
      const order = await restingAlphaOrder();
      const beta = apiClient(app.httpUrl, KEYS.beta);
      expect((await beta.post(`/v1/orders/${order}/cancel`)).status).toBe(404);
      expect((await beta.delete(`/v1/orders/${order}`)).status).toBe(404);
      expect(
        await grpc.call('OrderService', 'CancelOrder', { orderId: order }, KEYS.beta),
      ).toMatchObject({
        ok: false,
        code: status.NOT_FOUND,
      });
      const detail = await apiClient(app.httpUrl, KEYS.alpha).get(`/v1/orders/${order}`);
      expect((detail.body.events as { type: string }[]).map((e) => e.type)).not.toContain(
        'CANCEL_REQUESTED',
      );
    });
  });
});
