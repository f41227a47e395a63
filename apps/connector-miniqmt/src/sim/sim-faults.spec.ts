import { XtOrderStatus, XtPriceType, type XtCallback } from '@qmt/domain';
import { STOCK, simFixture } from './testing/sim-fixture.js';

const names = (callbacks: XtCallback[]) => callbacks.map((c) => c.callback);
const LIMIT = XtPriceType.FIX_PRICE;

describe('sim faults', () => {
  it('delivers every callback twice at duplicate rate 1', async () => {
    const { sim, callbacks, settle } = simFixture();
    sim.setFaults({ duplicateRate: 1 });
    await sim.connect();
    await sim.orderStockAsync(STOCK, '000001.SZ', 23, 100, LIMIT, 12.01, 'a', 'DUP');
    await settle();
    expect(names(callbacks)).toEqual(
      [
        'on_order_stock_async_response',
        'on_stock_order',
        'on_stock_order',
        'on_stock_trade',
        'on_stock_order',
        'on_stock_position',
        'on_stock_asset',
      ].flatMap((n) => [n, n]),
    );
  });

  it('delivers a trade before the order updates that explain it', async () => {
    const { sim, callbacks, settle } = simFixture();
    sim.setFaults({ tradeBeforeOrder: true });
    await sim.connect();
    await sim.orderStockAsync(STOCK, '000001.SZ', 23, 100, LIMIT, 12.01, 'a', 'REORDER');
    await settle();
    expect(names(callbacks).slice(0, 3)).toEqual([
      'on_order_stock_async_response',
      'on_stock_trade',
      'on_stock_order',
    ]);
  });

  it('delivers the first order event before the async response', async () => {
    const { sim, callbacks, settle } = simFixture();
    sim.setFaults({ orderBeforeAsyncResponse: true });
    await sim.connect();
    await sim.orderStockAsync(STOCK, '000001.SZ', 23, 100, LIMIT, 11.5, 'a', 'EARLY');
    await settle();
    expect(names(callbacks)[0]).toBe('on_stock_order');
    expect(names(callbacks)).toContain('on_order_stock_async_response');
  });

  it('loses async responses and answers -1 for a place whose order lives', async () => {
    const { sim, callbacks, settle } = simFixture();
    sim.setFaults({ lostAsyncResponseRate: 1, placeMinusOneRate: 1 });
    await sim.connect();
    expect(await sim.orderStockAsync(STOCK, '000001.SZ', 23, 100, LIMIT, 11.5, 'a', 'LIVE')).toBe(
      -1,
    );
    await settle();
    expect(names(callbacks)).not.toContain('on_order_stock_async_response');
    const [order] = await sim.queryStockOrders(STOCK);
    expect(order).toMatchObject({
      order_remark: 'LIVE',
      order_status: XtOrderStatus.ORDER_REPORTED,
    });
  });

  it('lies about cancels both ways: statuses alone tell the truth', async () => {
    const { sim, callbacks, settle } = simFixture();
    sim.setFaults({ cancelLies: true });
    await sim.connect();
    await sim.orderStockAsync(STOCK, '000001.SZ', 23, 100, LIMIT, 11.5, 'a', 'C');
    const [order] = await sim.queryStockOrders(STOCK);
    expect(await sim.cancelOrderStock(STOCK, order?.order_id ?? 0)).toBe(-1);
    await settle();
    expect((await sim.queryStockOrders(STOCK))[0]?.order_status).toBe(XtOrderStatus.ORDER_CANCELED);
    expect(await sim.cancelOrderStock(STOCK, order?.order_id ?? 0)).toBe(0);
    await settle();
    expect(names(callbacks).at(-1)).toBe('on_cancel_error');
  });

  it('rejects at the reject rate with the configured counter reason in status_msg', async () => {
    const { sim, callbacks, settle } = simFixture();
    sim.setFaults({ rejectRate: 1, rejectReason: '[COUNTER][251005][证券账户状态不正常]' });
    await sim.connect();
    await sim.orderStockAsync(STOCK, '000001.SZ', 23, 100, LIMIT, 12.01, 'a', 'R');
    await settle();
    const junk = callbacks.find((c) => c.callback === 'on_stock_order');
    expect(junk?.data).toMatchObject({
      order_status: 57,
      status_msg: '[COUNTER][251005][证券账户状态不正常]',
    });
  });

  it('echoes another price_type code when told to', async () => {
    const { sim, settle } = simFixture();
    sim.setFaults({ priceTypeEcho: 88 });
    await sim.connect();
    await sim.orderStockAsync(STOCK, '000001.SZ', 23, 100, LIMIT, 11.5, 'a', 'P');
    await settle();
    expect((await sim.queryStockOrders(STOCK))[0]?.price_type).toBe(88);
  });

  it('drops the session: one on_disconnected, no pushes, a lingering id refused, then a fresh id', async () => {
    const { sim, callbacks, settle } = simFixture();
    await sim.connect();
    const firstId = sim.sessionId();
    sim.dropConnection();
    await settle();
    expect(names(callbacks)).toEqual(['on_disconnected']);
    expect(sim.isConnected()).toBe(false);
    await expect(sim.queryStockOrders(STOCK)).rejects.toThrow('not connected');
    sim.setFaults({ lingeringSession: true });
    await expect(sim.connect()).rejects.toThrow(`session ${firstId} is still held`);
    await sim.connect();
    expect(sim.sessionId()).not.toBe(firstId);
  });

  it('refuses to reconnect while the terminal is down', async () => {
    const { sim } = simFixture();
    await sim.connect();
    sim.dropConnection(60_000);
    await expect(sim.connect()).rejects.toThrow('not running');
  });

  it('answers a reused remark with the earlier order id; the gateway never reuses one', async () => {
    const { sim, callbacks, settle } = simFixture();
    sim.setFaults({ reusedRemarkAnswersOldId: true });
    await sim.connect();
    await sim.orderStockAsync(STOCK, '000001.SZ', 23, 100, LIMIT, 11.5, 'a', 'SAME');
    await sim.orderStockAsync(STOCK, '000001.SZ', 23, 100, LIMIT, 11.5, 'a', 'SAME');
    await sim.orderStockAsync(STOCK, '000001.SZ', 23, 100, LIMIT, 11.5, 'a', 'OTHER');
    await settle();
    const acks = callbacks.flatMap((c) =>
      c.callback === 'on_order_stock_async_response' ? [c.data.order_id] : [],
    );
    const ids = (await sim.queryStockOrders(STOCK)).map((o) => o.order_id);
    expect(acks).toEqual([ids[0], ids[0], ids[2]]);
  });
});
