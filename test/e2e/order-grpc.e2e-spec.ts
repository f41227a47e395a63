// qmt.gateway.v1.OrderService over real gRPC (a raw grpc-js client built from the same .proto):
// the same orders, validation and errors as HTTP, mapped to gRPC status codes.
import {
  Metadata,
  credentials,
  loadPackageDefinition,
  status,
  type ServiceError,
} from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { protoPath } from '@qmt/contracts';
import type { DeskApp } from '@qmt/desk';
import {
  compareStreamPositions,
  eventually,
  marketableBuy,
  startTestDesk,
  type TestDesk,
} from '@qmt/testkit';

type Message = Record<string, unknown>;
type Unary = (
  request: Message,
  metadata: Metadata,
  callback: (error: ServiceError | null, response?: Message) => void,
) => void;
interface UpdateCall {
  on(event: 'data', listener: (update: Message) => void): UpdateCall;
  on(event: 'error', listener: (error: ServiceError) => void): UpdateCall;
  cancel(): void;
}
interface OrderServiceClient {
  SubmitOrder: Unary;
  CancelOrder: Unary;
  GetOrder: Unary;
  ListOrders: Unary;
  ListPositions: Unary;
  StreamUpdates(request: Message, metadata: Metadata): UpdateCall;
  close(): void;
}

describe('OrderService over gRPC', () => {
  let desk: TestDesk;
  let app: DeskApp;
  let client: OrderServiceClient;
  const streams: UpdateCall[] = [];

  function auth(key?: string): Metadata {
    const metadata = new Metadata();
    if (key !== undefined) {
      metadata.set('authorization', `Bearer ${key}`);
    }
    return metadata;
  }

  /** Opens StreamUpdates and collects what arrives until the test cancels it. */
  function streamUpdates(key: string | undefined, cursor?: string) {
    const updates: Message[] = [];
    let failure: ServiceError | undefined;
    const stream = client
      .StreamUpdates(cursor === undefined ? {} : { cursor }, auth(key))
      .on('data', (update) => updates.push(update))
      .on('error', (error) => (failure = error));
    streams.push(stream);
    return { updates, failure: () => failure };
  }

  function call(
    method: Exclude<keyof OrderServiceClient, 'close' | 'StreamUpdates'>,
    request: Message,
    key?: string,
  ) {
    const metadata = auth(key);
    return new Promise<Message>((done, fail) => {
      client[method].call(client, request, metadata, (error, response) => {
        if (error !== null) {
          fail(error);
        } else {
          done(response ?? {});
        }
      });
    });
  }

  beforeAll(async () => {
    desk = await startTestDesk();
    app = desk.app;
    const definition = loadSync(protoPath('gateway.proto'), {
      keepCase: false,
      longs: Number,
      defaults: false,
      oneofs: true,
    });
    const loaded = loadPackageDefinition(definition) as unknown as {
      qmt: {
        gateway: {
          v1: { OrderService: new (address: string, creds: unknown) => OrderServiceClient };
        };
      };
    };
    client = new loaded.qmt.gateway.v1.OrderService(app.grpcUrl, credentials.createInsecure());
  });

  afterAll(async () => {
    streams.forEach((stream) => stream.cancel());
    client?.close();
    await desk?.close();
  });

  it('submits an order that fills, and shows it with its events and trade', async () => {
    const order = await call('SubmitOrder', marketableBuy('SIM-STOCK', 'grpc-1'), 'dev-alpha');
    expect(order).toMatchObject({
      status: 'ROUTED',
      quantity: 100,
      price: 11.6,
      strategyId: 'alpha',
    });
    const detail = await eventually(async () => {
      const response = await call('GetOrder', { orderId: order.orderId }, 'dev-alpha');
      return (response.order as Message).status === 'ORDER_SUCCEEDED' ? response : undefined;
    });
    expect((detail.events as Message[]).map((e) => e.status)).toContain('ORDER_REPORTED');
    expect(detail.trades).toMatchObject([{ quantity: 100, symbol: '000001.SZ' }]);
    const page = await call('ListOrders', { limit: 10 }, 'dev-alpha');
    expect((page.items as Message[]).map((o) => o.orderId)).toContain(order.orderId);
  });

  it.each<[string, Message, string | undefined, status, RegExp]>([
    [
      'no key',
      marketableBuy('SIM-STOCK', 'g-2'),
      undefined,
      status.UNAUTHENTICATED,
      /UNAUTHENTICATED/,
    ],
    [
      'a bad quantity',
      { ...marketableBuy('SIM-STOCK', 'g-3'), quantity: 0 },
      'dev-alpha',
      status.INVALID_ARGUMENT,
      /quantity/,
    ],
    [
      'a bad symbol',
      { ...marketableBuy('SIM-STOCK', 'g-4'), symbol: '000001' },
      'dev-alpha',
      status.INVALID_ARGUMENT,
      /symbol/,
    ],
    [
      'a foreign account',
      { ...marketableBuy('SIM-CREDIT', 'g-5') },
      'dev-beta',
      status.PERMISSION_DENIED,
      /ACCOUNT_NOT_PERMITTED/,
    ],
  ])('answers %s with the mapped status', async (_case, request, key, code, message) => {
    const error = await call('SubmitOrder', request, key).then(
      () => undefined,
      (e: ServiceError) => e,
    );
    expect(error?.code).toBe(code);
    expect(error?.details).toMatch(message);
  });

  it('answers NOT_FOUND for another strategy’s order and FAILED_PRECONDITION for a finished one', async () => {
    const order = await call('SubmitOrder', marketableBuy('SIM-STOCK', 'grpc-6'), 'dev-alpha');
    const hidden = await call('GetOrder', { orderId: order.orderId }, 'dev-beta').catch(
      (e: ServiceError) => e,
    );
    expect((hidden as ServiceError).code).toBe(status.NOT_FOUND);
    await eventually(async () => {
      const response = await call('GetOrder', { orderId: order.orderId }, 'dev-alpha');
      return (response.order as Message).status === 'ORDER_SUCCEEDED' ? true : undefined;
    });
    const late = await call('CancelOrder', { orderId: order.orderId }, 'dev-alpha').catch(
      (e: ServiceError) => e,
    );
    expect((late as ServiceError).code).toBe(status.FAILED_PRECONDITION);
    expect((late as ServiceError).details).toMatch(/ORDER_NOT_CANCELLABLE/);
  });

  it('lists positions: each strategy sees its own book beside the broker position', async () => {
    const alpha = await call('ListPositions', { accountId: 'SIM-STOCK' }, 'dev-alpha');
    const items = alpha.items as Message[];
    const pufa = items.find((p) => p.symbol === '600000.SH');
    expect(pufa?.books).toMatchObject([{ strategyId: 'alpha', quantity: 100000 }]);
    expect(pufa?.books).toHaveLength(1);
    expect(items.every((p) => (p.books as Message[]).every((b) => b.strategyId === 'alpha'))).toBe(
      true,
    );
    const foreign = await call('ListPositions', { strategyId: 'beta' }, 'dev-alpha').catch(
      (e: ServiceError) => e,
    );
    expect((foreign as ServiceError).code).toBe(status.PERMISSION_DENIED);
  });

  it('streams updates to their strategy only and resumes after a cursor without a gap', async () => {
    const alpha = streamUpdates('dev-alpha');
    const beta = streamUpdates('dev-beta');
    // Let both subscriptions take their starting position before the order exists.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const order = await call(
      'SubmitOrder',
      marketableBuy('SIM-STOCK', 'grpc-stream-1'),
      'dev-alpha',
    );
    const mine = () => alpha.updates.filter((u) => u.orderId === order.orderId);
    await eventually(
      () => (mine().some((u) => u.status === 'ORDER_SUCCEEDED') ? true : undefined),
      {
        what: 'ORDER_SUCCEEDED on StreamUpdates',
      },
    );
    expect(mine().map((u) => u.type)).toEqual(
      expect.arrayContaining(['CREATED', 'RISK_APPROVED', 'ORDER_STATUS', 'TRADE']) as unknown,
    );
    expect(mine().find((u) => u.type === 'TRADE')?.kind).toBe('trade');
    const cursors = mine().map((u) => String(u.cursor));
    expect([...cursors].sort(compareStreamPositions)).toEqual(cursors);
    expect(beta.updates.filter((u) => u.orderId === order.orderId)).toEqual([]);

    const first = mine()[0]!;
    const resumed = streamUpdates('dev-alpha', String(first.cursor));
    const expected = alpha.updates
      .filter((u) => compareStreamPositions(String(u.cursor), String(first.cursor)) > 0)
      .map((u) => u.cursor);
    await eventually(() => (resumed.updates.length >= expected.length ? true : undefined));
    expect(resumed.updates.map((u) => u.cursor).slice(0, expected.length)).toEqual(expected);
  });

  it('refuses a stream without a key or with a malformed cursor', async () => {
    const anonymous = streamUpdates(undefined);
    const malformed = streamUpdates('dev-alpha', 'yesterday');
    const failures = await eventually(() =>
      anonymous.failure() !== undefined && malformed.failure() !== undefined
        ? [anonymous.failure()!, malformed.failure()!]
        : undefined,
    );
    expect(failures.map((f) => f.code)).toEqual([status.UNAUTHENTICATED, status.INVALID_ARGUMENT]);
    expect(failures[1]?.details).toMatch(/cursor/);
  });
});
