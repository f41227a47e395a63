// The OpenAPI document against the desk it describes (docs/openapi.md): every route documents
// its success with a schema and an example, every example fits its schema, and the real answers
// of a scripted session (orders, trades, positions, accounts, instruments, clock, audit, the
// stream, health, the sim) validate against the documented schema for their status, with
// undocumented fields refused, so the document cannot drift from the code.
import {
  eventually,
  examplesOf,
  fastSimClock,
  openApiValidator,
  openEventStream,
  operationsOf,
  SHIPPED_DESK,
  startTestDesk,
  type MediaObject,
  type OpenApiDocument,
  type OperationObject,
  type TestDesk,
  type Validator,
} from '@qmt/testkit';

interface Answer {
  readonly status: number;
  readonly contentType: string;
  readonly body: unknown;
}

type Body = Record<string, unknown>;

const THROTTLED_KEY = 'dev-throttled';

describe('the OpenAPI document', () => {
  const fast = fastSimClock('10:00:00', 1);
  let desk: TestDesk;
  let document: OpenApiDocument;
  let validator: Validator;
  const checked = new Set<string>();

  /** One HTTP call; the body parsed when it is JSON. */
  async function call(
    method: string,
    path: string,
    key: string | undefined,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer> {
    const all: Record<string, string> = { ...headers };
    if (key !== undefined) {
      all.authorization = `Bearer ${key}`;
    }
    let payload: string | undefined;
    if (body !== undefined) {
      all['content-type'] = 'application/json';
      payload = typeof body === 'string' ? body : JSON.stringify(body);
    }
    const response = await fetch(`${desk.app.httpUrl}${path}`, {
      method,
      headers: all,
      body: payload,
    });
    const contentType = response.headers.get('content-type') ?? '';
    const text = await response.text();
    return {
      status: response.status,
      contentType,
      body: contentType.startsWith('application/json') ? (JSON.parse(text) as unknown) : text,
    };
  }

  /** The documented media of route (e.g. `GET /v1/orders/{orderId}`) for a status and type. */
  function documented(route: string, status: number, contentType: string): MediaObject {
    const [method = '', path = ''] = route.split(' ');
    const operation: OperationObject | undefined = document.paths[path]?.[method.toLowerCase()];
    if (operation === undefined) {
      throw new Error(`${route} is not in the document`);
    }
    const response = operation.responses[String(status)];
    if (response === undefined) {
      throw new Error(`${route} answered ${status}, which the document does not list`);
    }
    const type = contentType.split(';')[0]!.trim();
    const media = response.content?.[type];
    if (media?.schema === undefined) {
      throw new Error(`${route} ${status} has no ${type} schema in the document`);
    }
    return media;
  }

  /** Asserts the answer is documented for its status and validates against the schema. */
  function expectDocumented(route: string, answer: Answer, status: number): Body {
    expect({ route, status: answer.status, body: answer.body }).toMatchObject({ status });
    const media = documented(route, answer.status, answer.contentType);
    expect({ route, status, problems: validator.check(media.schema!, answer.body) }).toEqual({
      route,
      status,
      problems: null,
    });
    checked.add(`${route} ${status}`);
    return answer.body as Body;
  }

  beforeAll(async () => {
    desk = await startTestDesk({
      clock: fast.clock,
      desk: {
        ...SHIPPED_DESK,
        users: [
          ...SHIPPED_DESK.users,
          {
            id: 'throttled',
            apiKey: THROTTLED_KEY,
            previousApiKeys: [],
            role: 'compliance',
            rateLimit: { requestsPerSecond: 0.01, burst: 1 },
          },
        ],
      },
    });
    fast.go();
    const answer = await call('GET', '/docs/openapi.json', undefined);
    if (answer.status !== 200) {
      throw new Error(`/docs/openapi.json answered ${answer.status}`);
    }
    document = answer.body as OpenApiDocument;
    validator = openApiValidator(document);
  }, 60_000);

  afterAll(async () => {
    await desk?.close();
  });

  describe('as a document', () => {
    it('gives every route a summary, a tag and a 2xx answer with a schema and an example', () => {
      const gaps = operationsOf(document).flatMap(([route, operation]) => {
        const problems: string[] = [];
        if ((operation.summary ?? '') === '') {
          problems.push('no summary');
        }
        if ((operation.tags ?? []).length === 0) {
          problems.push('no tag');
        }
        const success = Object.entries(operation.responses).filter(([status]) =>
          status.startsWith('2'),
        );
        if (success.length === 0) {
          problems.push('no 2xx response');
        }
        for (const [status, response] of success) {
          const media = Object.entries(response.content ?? {});
          if (media.length === 0) {
            problems.push(`${status} has no content`);
          }
          for (const [type, content] of media) {
            if (content.schema === undefined) {
              problems.push(`${status} ${type} has no schema`);
            }
            if (examplesOf(content).length === 0) {
              problems.push(`${status} ${type} has no example`);
            }
          }
        }
        return problems.map((problem) => `${route}: ${problem}`);
      });
      expect(gaps).toEqual([]);
    });

    it('has every example fit the schema it stands beside', () => {
      const misfits = operationsOf(document).flatMap(([route, operation]) =>
        Object.entries(operation.responses).flatMap(([status, response]) =>
          Object.entries(response.content ?? {}).flatMap(([type, media]) =>
            media.schema === undefined
              ? []
              : examplesOf(media).flatMap(([name, value]) => {
                  const problems = validator.check(media.schema!, value);
                  return problems === null
                    ? []
                    : [`${route} ${status} ${type} ${name}: ${problems}`];
                }),
          ),
        ),
      );
      expect(misfits).toEqual([]);
    });

    it('asks for the bearer key everywhere but health and metrics, and documents 401 and 429', () => {
      expect(document.security).toEqual([{ bearer: [] }]);
      const routes = operationsOf(document);
      const open = routes.filter(([, op]) => op.security?.length === 0).map(([route]) => route);
      expect(open.sort()).toEqual(['GET /health/live', 'GET /health/ready', 'GET /metrics']);
      const missing = routes
        .filter(([, op]) => op.security === undefined)
        .flatMap(([route, op]) =>
          ['401', '429'].filter((s) => op.responses[s] === undefined).map((s) => `${route} ${s}`),
        );
      expect(missing).toEqual([]);
    });

    it('documents the 403 of every route that not every role may call, naming the roles', () => {
      const submit = document.paths['/v1/orders']!.post!;
      expect(submit['x-qmt-roles']).toEqual(['trader']);
      const forbidden = submit.responses['403']!.content!['application/json']!;
      expect(Object.keys(forbidden.examples ?? {}).sort()).toEqual([
        'ACCOUNT_NOT_PERMITTED',
        'FORBIDDEN',
      ]);
      expect(document.paths['/v1/audit']!.get!.responses['403']).toBeDefined();
      expect(document.paths['/v1/clock']!.get!.responses['403']).toBeUndefined();
    });
  });

  describe('against a scripted session', () => {
    const resting = (clientOrderId: string, price = 11.4) => ({
      accountId: 'SIM-STOCK',
      clientOrderId,
      symbol: '000001.SZ',
      side: 'BUY',
      quantity: 100,
      priceType: 'LIMIT',
      price,
    });
    let restingId = '';

    it('submits: 201 routed and rejected, 200 again, 409, 400, 403, 413', async () => {
      const created = expectDocumented(
        'POST /v1/orders',
        await call('POST', '/v1/orders', 'dev-alpha', resting('oa-rest')),
        201,
      );
      expect(created.status).toBe('ROUTED');
      restingId = String(created.orderId);
      expectDocumented(
        'POST /v1/orders',
        await call('POST', '/v1/orders', 'dev-alpha', resting('oa-rest')),
        200,
      );
      const conflict = expectDocumented(
        'POST /v1/orders',
        await call('POST', '/v1/orders', 'dev-alpha', { ...resting('oa-rest'), quantity: 200 }),
        409,
      );
      expect(conflict.error).toMatchObject({ code: 'DUPLICATE_CLIENT_ORDER_ID' });
      const rejected = expectDocumented(
        'POST /v1/orders',
        await call('POST', '/v1/orders', 'dev-alpha', resting('oa-rejected', 13)),
        201,
      );
      expect(rejected).toMatchObject({ status: 'REJECTED', rejection: { rule: 'PRICE_LIMIT' } });
      const invalid = expectDocumented(
        'POST /v1/orders',
        await call('POST', '/v1/orders', 'dev-alpha', { ...resting('oa-bad'), quantity: -1 }),
        400,
      );
      expect(invalid.error).toMatchObject({ fields: [{ path: 'quantity' }] });
      expectDocumented('POST /v1/orders', await call('POST', '/v1/orders', 'dev-alpha', '{'), 400);
      const notPermitted = expectDocumented(
        'POST /v1/orders',
        await call('POST', '/v1/orders', 'dev-beta', {
          ...resting('oa-credit'),
          accountId: 'SIM-CREDIT',
        }),
        403,
      );
      expect(notPermitted.error).toMatchObject({ code: 'ACCOUNT_NOT_PERMITTED' });
      expectDocumented(
        'POST /v1/orders',
        await call('POST', '/v1/orders', 'dev-audit', resting('oa-auditor')),
        403,
      );
      expectDocumented(
        'POST /v1/orders',
        await call('POST', '/v1/orders', 'dev-alpha', {
          ...resting('oa-big'),
          pad: 'x'.repeat(70_000),
        }),
        413,
      );
    });

    it('reads an order: 200 with events and trades, 400 for a bad id, 404 for an unknown one', async () => {
      await eventually(
        async () => {
          const answer = await call('GET', `/v1/orders/${restingId}`, 'dev-alpha');
          return (answer.body as Body).status === 'ORDER_REPORTED' ? true : undefined;
        },
        { what: 'the resting order to be reported' },
      );
      const detail = expectDocumented(
        'GET /v1/orders/{orderId}',
        await call('GET', `/v1/orders/${restingId}`, 'dev-alpha'),
        200,
      );
      expect((detail.events as unknown[]).length).toBeGreaterThan(2);

      const filled = await call('POST', '/v1/orders', 'dev-alpha', resting('oa-fill', 11.6));
      const filledId = String((filled.body as Body).orderId);
      await eventually(
        async () => {
          const answer = await call('GET', `/v1/orders/${filledId}`, 'dev-alpha');
          return (answer.body as Body).status === 'ORDER_SUCCEEDED' ? true : undefined;
        },
        { what: 'the marketable order to fill' },
      );
      const withTrade = expectDocumented(
        'GET /v1/orders/{orderId}',
        await call('GET', `/v1/orders/${filledId}`, 'dev-alpha'),
        200,
      );
      expect(withTrade.trades).toHaveLength(1);
      expectDocumented(
        'GET /v1/orders/{orderId}',
        await call('GET', '/v1/orders/not-an-id', 'dev-alpha'),
        400,
      );
      expectDocumented(
        'GET /v1/orders/{orderId}',
        await call('GET', `/v1/orders/${restingId}`, 'dev-beta'),
        404,
      );
    });

    it('lists orders and trades: pages with a cursor, 400 for a bad filter, 403 for another strategy', async () => {
      const page = expectDocumented(
        'GET /v1/orders',
        await call('GET', '/v1/orders?limit=1', 'dev-alpha'),
        200,
      );
      expect(typeof page.nextCursor).toBe('string');
      expectDocumented(
        'GET /v1/orders',
        await call('GET', '/v1/orders?status=REJECTED&limit=500', 'dev-risk'),
        200,
      );
      const bad = expectDocumented(
        'GET /v1/orders',
        await call('GET', '/v1/orders?status=NOPE', 'dev-alpha'),
        400,
      );
      expect(bad.error).toMatchObject({ fields: [{ path: 'status' }] });
      expectDocumented(
        'GET /v1/orders',
        await call('GET', '/v1/orders?strategyId=beta', 'dev-alpha'),
        403,
      );
      const trades = expectDocumented(
        'GET /v1/trades',
        await call('GET', '/v1/trades', 'dev-alpha'),
        200,
      );
      expect((trades.items as unknown[]).length).toBeGreaterThan(0);
      expectDocumented(
        'GET /v1/trades',
        await call('GET', '/v1/trades?cursor=x', 'dev-alpha'),
        400,
      );
    });

    it('cancels: 202, then 409 once the order has ended; DELETE the same', async () => {
      expectDocumented(
        'POST /v1/orders/{orderId}/cancel',
        await call('POST', `/v1/orders/${restingId}/cancel`, 'dev-alpha'),
        202,
      );
      await eventually(
        async () => {
          const answer = await call('GET', `/v1/orders/${restingId}`, 'dev-alpha');
          return (answer.body as Body).status === 'ORDER_CANCELED' ? true : undefined;
        },
        { what: 'the order to be cancelled' },
      );
      const again = expectDocumented(
        'POST /v1/orders/{orderId}/cancel',
        await call('POST', `/v1/orders/${restingId}/cancel`, 'dev-alpha'),
        409,
      );
      expect(again.error).toMatchObject({ code: 'ORDER_NOT_CANCELLABLE' });
      expectDocumented(
        'POST /v1/orders/{orderId}/cancel',
        await call('POST', `/v1/orders/${restingId}/cancel`, 'dev-audit'),
        403,
      );
      const other = await call('POST', '/v1/orders', 'dev-alpha', resting('oa-delete'));
      const otherId = String((other.body as Body).orderId);
      await eventually(async () => {
        const answer = await call('GET', `/v1/orders/${otherId}`, 'dev-alpha');
        return (answer.body as Body).status === 'ORDER_REPORTED' ? true : undefined;
      });
      expectDocumented(
        'DELETE /v1/orders/{orderId}',
        await call('DELETE', `/v1/orders/${otherId}`, 'dev-alpha'),
        202,
      );
      expectDocumented(
        'DELETE /v1/orders/{orderId}',
        await call('DELETE', '/v1/orders/Q000000000000000000', 'dev-alpha'),
        404,
      );
      expectDocumented(
        'POST /v1/orders/{orderId}/pause',
        await call('POST', `/v1/orders/${otherId}/pause`, 'dev-alpha'),
        409,
      );
    });

    it('drives an algo parent: its detail with the algo section, pause, resume, cancel', async () => {
      const parent = expectDocumented(
        'POST /v1/orders',
        await call('POST', '/v1/orders', 'dev-alpha', {
          ...resting('oa-twap'),
          quantity: 2000,
          algo: { type: 'TWAP', durationSeconds: 1800, bucketSeconds: 60, urgency: 'PASSIVE' },
        }),
        201,
      );
      const parentId = String(parent.orderId);
      const detail = await eventually(
        async () => {
          const answer = await call('GET', `/v1/orders/${parentId}`, 'dev-alpha');
          const algo = (answer.body as Body).algo as Body | undefined;
          return algo?.progress === undefined ? undefined : answer;
        },
        { what: 'the parent to be armed' },
      );
      expectDocumented('GET /v1/orders/{orderId}', detail, 200);
      expectDocumented(
        'POST /v1/orders/{orderId}/pause',
        await call('POST', `/v1/orders/${parentId}/pause`, 'dev-alpha'),
        202,
      );
      expectDocumented(
        'POST /v1/orders/{orderId}/resume',
        await call('POST', `/v1/orders/${parentId}/resume`, 'dev-alpha'),
        202,
      );
      expectDocumented(
        'POST /v1/orders/{orderId}/cancel',
        await call('POST', `/v1/orders/${parentId}/cancel`, 'dev-alpha'),
        202,
      );
      expectDocumented(
        'GET /v1/orders/{orderId}',
        await call('GET', `/v1/orders/${parentId}`, 'dev-risk'),
        200,
      );
    });

    it('reads positions, accounts, instruments and the clock', async () => {
      const positions = expectDocumented(
        'GET /v1/positions',
        await call('GET', '/v1/positions', 'dev-risk'),
        200,
      );
      expect((positions.items as unknown[]).length).toBeGreaterThan(0);
      expectDocumented(
        'GET /v1/positions',
        await call('GET', '/v1/positions?strategyId=beta', 'dev-alpha'),
        403,
      );
      expectDocumented(
        'GET /v1/positions',
        await call('GET', '/v1/positions?accountId=%20', 'dev-alpha'),
        400,
      );
      const accounts = expectDocumented(
        'GET /v1/accounts',
        await call('GET', '/v1/accounts', 'dev-admin'),
        200,
      );
      expect((accounts.items as unknown[]).length).toBe(3);
      await eventually(
        async () => {
          const answer = await call('GET', '/v1/accounts/SIM-STOCK', 'dev-alpha');
          return (answer.body as Body).asset === null ? undefined : answer;
        },
        { what: 'the broker asset of SIM-STOCK' },
      ).then((answer) => expectDocumented('GET /v1/accounts/{accountId}', answer, 200));
      expectDocumented(
        'GET /v1/accounts/{accountId}',
        await call('GET', '/v1/accounts/SIM-NOWHERE', 'dev-alpha'),
        404,
      );
      for (const symbol of ['000001.SZ', '688981.SH', '510300.SH', '113050.SH', 'IF2612.IF']) {
        expectDocumented(
          'GET /v1/instruments/{symbol}',
          await call('GET', `/v1/instruments/${symbol}`, 'dev-alpha'),
          200,
        );
      }
      expectDocumented(
        'GET /v1/instruments/{symbol}',
        await call('GET', '/v1/instruments/999999.SZ', 'dev-alpha'),
        404,
      );
      const clock = expectDocumented(
        'GET /v1/clock',
        await call('GET', '/v1/clock', 'dev-beta'),
        200,
      );
      expect(clock.session).toBe('CONTINUOUS');
    });

    it('reads the audit log as JSON and CSV, and verifies the chain', async () => {
      const page = expectDocumented(
        'GET /v1/audit',
        await call('GET', '/v1/audit?limit=5', 'dev-audit'),
        200,
      );
      expect((page.items as unknown[]).length).toBe(5);
      const csv = await call('GET', '/v1/audit?format=csv&type=RISK_DECISION', 'dev-admin');
      expectDocumented('GET /v1/audit', csv, 200);
      expect(csv.body).toMatch(/^seq,at,type,actor/);
      expectDocumented('GET /v1/audit', await call('GET', '/v1/audit?limit=0', 'dev-audit'), 400);
      expectDocumented('GET /v1/audit', await call('GET', '/v1/audit', 'dev-alpha'), 403);
      const verified = expectDocumented(
        'GET /v1/audit/verify',
        await call('GET', '/v1/audit/verify', 'dev-audit'),
        200,
      );
      expect(verified.ok).toBe(true);
    });

    it('streams updates whose data fit the documented update', async () => {
      const head = await fetch(`${desk.app.httpUrl}/v1/stream`, {
        headers: { authorization: 'Bearer dev-risk', accept: 'text/event-stream' },
      });
      expect(head.status).toBe(200);
      const media = documented('GET /v1/stream', 200, head.headers.get('content-type') ?? '');
      await head.body?.cancel();
      expect(media.schema).toEqual({ type: 'string' });
      checked.add('GET /v1/stream 200');
      const stream = await openEventStream(`${desk.app.httpUrl}/v1/stream`, 'dev-risk', '0-0');
      try {
        const events = await eventually(
          () => (stream.events.length >= 10 ? stream.events : undefined),
          { what: 'ten updates' },
        );
        const update = { $ref: '#/components/schemas/StreamUpdateDto' };
        expect(events.flatMap((e) => validator.check(update, e.data) ?? [])).toEqual([]);
        const kinds = ['order', 'trade', 'position', 'asset', 'connector'];
        expect(events.filter((e) => !kinds.includes(e.event))).toEqual([]);
      } finally {
        stream.close();
      }
      expectDocumented(
        'GET /v1/stream',
        await call('GET', '/v1/stream', 'dev-risk', undefined, { 'last-event-id': 'nope' }),
        400,
      );
    });

    it('answers health, metrics, the sim control and key reload as documented', async () => {
      expectDocumented('GET /health/live', await call('GET', '/health/live', undefined), 200);
      expectDocumented('GET /health/ready', await call('GET', '/health/ready', undefined), 200);
      const metrics = await call('GET', '/metrics', undefined);
      expectDocumented('GET /metrics', metrics, 200);
      expect(metrics.body).toMatch(/^# HELP/m);
      expectDocumented(
        'POST /v1/sim/ticks',
        await call('POST', '/v1/sim/ticks', 'dev-risk', { symbol: '600519.SH', lastPrice: 1481 }),
        200,
      );
      expectDocumented(
        'POST /v1/sim/ticks',
        await call('POST', '/v1/sim/ticks', 'dev-risk', { symbol: '999999.SZ', lastPrice: 1 }),
        400,
      );
      expectDocumented(
        'POST /v1/sim/faults',
        await call('POST', '/v1/sim/faults', 'dev-admin', { rejectRate: 0 }),
        200,
      );
      expectDocumented(
        'POST /v1/sim/faults',
        await call('POST', '/v1/sim/faults', 'dev-admin', { rejectRate: 2 }),
        400,
      );
      expectDocumented(
        'POST /v1/sim/faults',
        await call('POST', '/v1/sim/faults', 'dev-alpha', {}),
        403,
      );
      const reload = await call('POST', '/v1/admin/keys/reload', 'dev-admin');
      expectDocumented('POST /v1/admin/keys/reload', reload, reload.status === 200 ? 200 : 409);
      expectDocumented(
        'POST /v1/admin/keys/reload',
        await call('POST', '/v1/admin/keys/reload', 'dev-admin', { stray: true }),
        400,
      );
    });

    it('refuses without a key (401) and past the rate (429), with the error body', async () => {
      expectDocumented('GET /v1/orders', await call('GET', '/v1/orders', undefined), 401);
      expectDocumented('GET /v1/clock', await call('GET', '/v1/clock', 'not-a-key'), 401);
      expectDocumented('GET /v1/audit', await call('GET', '/v1/audit?limit=1', THROTTLED_KEY), 200);
      const limited = expectDocumented(
        'GET /v1/audit',
        await call('GET', '/v1/audit?limit=1', THROTTLED_KEY),
        429,
      );
      expect(limited.error).toMatchObject({ code: 'RATE_LIMITED' });
      const refused = await fetch(`${desk.app.httpUrl}/v1/audit`, {
        headers: { authorization: `Bearer ${THROTTLED_KEY}` },
      });
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      const documentedHeaders = document.paths['/v1/audit']!.get!.responses['429'] as {
        headers?: Record<string, unknown>;
      };
      expect(Object.keys(documentedHeaders.headers ?? {})).toEqual(['Retry-After']);
    });

    it('checked a real answer for every route of the document', () => {
      // The risk limit and kill-switch routes are scripted by their own e2e tests.
      const routes = operationsOf(document)
        .map(([route]) => route)
        .filter((route) => !route.includes(' /v1/risk/'));
      const answered = new Set([...checked].map((c) => c.split(' ').slice(0, 2).join(' ')));
      expect(routes.filter((route) => !answered.has(route))).toEqual([]);
    });
  });
});
