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
import { eventually, marketableBuy, startTestDesk, type TestDesk } from '@qmt/testkit';

type Message = Record<string, unknown>;
type Unary = (
  request: Message,
  metadata: Metadata,
  callback: (error: ServiceError | null, response?: Message) => void,
) => void;
interface OrderServiceClient {
  SubmitOrder: Unary;
  CancelOrder: Unary;
  GetOrder: Unary;
  ListOrders: Unary;
  close(): void;
}

describe('OrderService over gRPC', () => {
  let desk: TestDesk;
  let app: DeskApp;
  let client: OrderServiceClient;

  function call(method: keyof Omit<OrderServiceClient, 'close'>, request: Message, key?: string) {
    const metadata = new Metadata();
    if (key !== undefined) {
      metadata.set('authorization', `Bearer ${key}`);
    }
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
});
