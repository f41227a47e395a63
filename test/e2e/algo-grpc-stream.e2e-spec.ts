// An algo parent over gRPC SubmitOrder (the algo fields of gateway.proto), its progress on the
// SSE update stream as `order` updates of the parent, and its algo section in GetOrder.
import {
  Metadata,
  credentials,
  loadPackageDefinition,
  status,
  type ServiceError,
} from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { protoPath } from '@qmt/contracts';
import {
  apiClient,
  eventually,
  fastSimClock,
  openEventStream,
  startTestDesk,
  type AlgoJson,
  type TestDesk,
} from '@qmt/testkit';

type Message = Record<string, unknown>;
type Unary = (
  request: Message,
  metadata: Metadata,
  callback: (error: ServiceError | null, response?: Message) => void,
) => void;
interface OrderServiceClient {
  SubmitOrder: Unary;
  GetOrder: Unary;
  close(): void;
}

describe('an algo parent over gRPC and on the update stream', () => {
  const fast = fastSimClock('10:00:00', 30);
  let desk: TestDesk;
  let client: OrderServiceClient;

  function call(method: 'SubmitOrder' | 'GetOrder', request: Message): Promise<Message> {
    const metadata = new Metadata();
    metadata.set('authorization', 'Bearer dev-alpha');
    return new Promise((done, fail) => {
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
    desk = await startTestDesk({ clock: fast.clock, algo: { settleMs: 300, finishRetryMs: 50 } });
    const definition = loadSync(protoPath('gateway.proto'), {
      keepCase: false,
      longs: Number,
      enums: String,
      defaults: false,
      oneofs: true,
    });
    const loaded = loadPackageDefinition(definition) as unknown as {
      qmt: {
        gateway: {
          v1: {
            OrderService: new (
              address: string,
              creds: ReturnType<typeof credentials.createInsecure>,
            ) => OrderServiceClient;
          };
        };
      };
    };
    client = new loaded.qmt.gateway.v1.OrderService(desk.app.grpcUrl, credentials.createInsecure());
    fast.go();
  }, 60_000);

  afterAll(async () => {
    client?.close();
    await desk?.close();
  });

  const submit = (clientOrderId: string, algo: Message) =>
    call('SubmitOrder', {
      accountId: 'SIM-STOCK',
      clientOrderId,
      symbol: '000001.SZ',
      side: 'BUY',
      quantity: 2_000,
      priceType: 'LIMIT',
      price: 11.55,
      algo,
    });

  it('takes the parent, streams its progress and shows its algo section', async () => {
    const stream = await openEventStream(`${desk.app.httpUrl}/v1/stream`, 'dev-alpha');
    try {
      const order = await submit('grpc-twap', {
        type: 'TWAP',
        durationSeconds: 120,
        urgency: 'AGGRESSIVE',
        maxParticipation: 0.5,
      });
      expect(order.status).toBe('ROUTED');
      const parentId = String(order.orderId);
      const detail = await eventually(async () => {
        const d = await call('GetOrder', { orderId: parentId });
        const algo = JSON.parse(
          typeof d.algoJson === 'string' ? d.algoJson : '{}',
        ) as Partial<AlgoJson>;
        return algo.state === 'COMPLETED' && (d.order as Message).status === 'ORDER_SUCCEEDED'
          ? { d, algo }
          : undefined;
      });
      expect(detail.algo.progress?.filledQuantity).toBe(2_000);
      expect((detail.d.children as Message[]).length).toBe(2);
      // The parent's own updates: approved, working, complete, as `order` events.
      const parentUpdates = await eventually(() => {
        const mine = stream.events.filter((e) => e.data.orderId === parentId);
        return mine.some((e) => e.data.status === 'ORDER_SUCCEEDED') ? mine : undefined;
      });
      expect(parentUpdates.every((e) => e.event === 'order')).toBe(true);
      const progress = parentUpdates.filter((e) => e.data.type === 'ALGO_PROGRESS');
      expect(progress.length).toBeGreaterThanOrEqual(2);
      expect(progress.at(-1)?.data.payload).toMatchObject({
        state: 'COMPLETED',
        filledQuantity: 2_000,
        workingQuantity: 0,
        remainingQuantity: 0,
      });
      // The HTTP detail says the same.
      const http = await apiClient(desk.app.httpUrl, 'dev-alpha').get(`/v1/orders/${parentId}`);
      expect((http.body.algo as AlgoJson).state).toBe('COMPLETED');
    } finally {
      stream.close();
    }
  });

  it('refuses a bad algo with INVALID_ARGUMENT naming the field', async () => {
    await expect(submit('grpc-bad', { type: 'TWAP', durationSeconds: 10 })).rejects.toMatchObject({
      code: status.INVALID_ARGUMENT,
      details: expect.stringContaining('algo.durationSeconds') as unknown,
    });
  });
});
