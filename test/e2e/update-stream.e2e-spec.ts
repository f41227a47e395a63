// GET /v1/stream: Server-Sent Events of what the caller may see, resumable with Last-Event-ID.
import type { DeskApp } from '@qmt/desk';
import {
  apiClient,
  compareStreamPositions,
  eventually,
  marketableBuy,
  openEventStream,
  startTestDesk,
  type TestDesk,
} from '@qmt/testkit';

describe('the update stream', () => {
  let desk: TestDesk;
  let app: DeskApp;
  const closers: (() => void)[] = [];

  beforeAll(async () => {
    desk = await startTestDesk();
    app = desk.app;
  });

  afterAll(async () => {
    closers.forEach((close) => close());
    await desk?.close();
  });

  it('streams an order to its strategy only, and resumes from Last-Event-ID without a gap', async () => {
    const alphaStream = await openEventStream(`${app.httpUrl}/v1/stream`, 'dev-alpha');
    const betaStream = await openEventStream(`${app.httpUrl}/v1/stream`, 'dev-beta');
    closers.push(alphaStream.close, betaStream.close);
    expect(alphaStream.status).toBe(200);

    const submitted = await apiClient(app.httpUrl, 'dev-alpha').post(
      '/v1/orders',
      marketableBuy('SIM-STOCK', 'stream-1'),
    );
    const orderId = String(submitted.body.orderId);
    const mine = () => alphaStream.events.filter((e) => e.data.orderId === orderId);
    await eventually(
      () => (mine().some((e) => e.data.status === 'ORDER_SUCCEEDED') ? true : undefined),
      { what: 'ORDER_SUCCEEDED on the stream' },
    );
    expect(mine().map((e) => e.data.type)).toEqual(
      expect.arrayContaining(['CREATED', 'RISK_APPROVED', 'ORDER_STATUS', 'TRADE']) as unknown,
    );
    expect(mine().find((e) => e.data.type === 'TRADE')?.event).toBe('trade');
    const ids = mine().map((e) => e.id);
    expect([...ids].sort(compareStreamPositions)).toEqual(ids);
    expect(betaStream.events.filter((e) => e.data.orderId === orderId)).toEqual([]);

    // Reconnect after the first event: every later event comes again, nothing before it.
    const first = mine()[0]!;
    const resumed = await openEventStream(`${app.httpUrl}/v1/stream`, 'dev-alpha', first.id);
    closers.push(resumed.close);
    const expected = alphaStream.events
      .filter((e) => compareStreamPositions(e.id, first.id) > 0)
      .map((e) => e.id);
    await eventually(() => (resumed.events.length >= expected.length ? true : undefined));
    expect(resumed.events.map((e) => e.id).slice(0, expected.length)).toEqual(expected);
  });

  it('refuses a stream without a key and a malformed Last-Event-ID', async () => {
    expect((await openEventStream(`${app.httpUrl}/v1/stream`, undefined)).status).toBe(401);
    const bad = await openEventStream(`${app.httpUrl}/v1/stream`, 'dev-alpha', 'yesterday');
    expect(bad.status).toBe(400);
  });
});
