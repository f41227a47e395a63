import { XtOrderStatus, type XtCallback } from '@qmt/domain';
import { eventually } from '@qmt/testkit';
import { SimMiniQmt } from './sim-mini-qmt.js';

const ACCOUNT = { account_id: '8880000001', account_type: 2 };

function makeSim(): { sim: SimMiniQmt; callbacks: XtCallback[] } {
  const sim = new SimMiniQmt({
    accounts: [
      {
        accountId: ACCOUNT.account_id,
        accountType: 2,
        cash: 100_000,
        positions: [{ symbol: '600000.SH', volume: 1000 }],
      },
    ],
    instruments: [
      { symbol: '000001.SZ', name: '平安银行', preClose: 11.5, tickSize: 0.01 },
      { symbol: '600000.SH', name: '浦发银行', preClose: 8.2, tickSize: 0.01 },
    ],
    idBase: 1,
    latencyMs: 0,
    now: () => new Date('2026-11-24T02:00:00Z'),
  });
  const callbacks: XtCallback[] = [];
  sim.onCallback((cb) => callbacks.push(cb));
  return { sim, callbacks };
}

const statuses = (callbacks: XtCallback[]) =>
  callbacks.flatMap((cb) => (cb.callback === 'on_stock_order' ? [cb.data.order_status] : []));
const names = (callbacks: XtCallback[]) => callbacks.map((cb) => cb.callback);

describe('the simulated miniQMT', () => {
  it('fills a marketable limit buy with the xttrader callback sequence', async () => {
    const { sim, callbacks } = makeSim();
    await sim.connect();
    const seq = await sim.orderStockAsync(ACCOUNT, '000001.SZ', 23, 100, 11, 11.6, 'alpha', 'Q1');
    expect(seq).toBeGreaterThan(0);
    await eventually(() => (names(callbacks).includes('on_stock_asset') ? true : undefined));
    expect(names(callbacks)).toEqual([
      'on_order_stock_async_response',
      'on_stock_order',
      'on_stock_order',
      'on_stock_trade',
      'on_stock_order',
      'on_stock_position',
      'on_stock_asset',
    ]);
    expect(statuses(callbacks)).toEqual([48, 50, 56]);
    const trade = callbacks.find((cb) => cb.callback === 'on_stock_trade');
    expect(trade?.data).toMatchObject({
      stock_code: '000001.SZ',
      traded_volume: 100,
      traded_price: 11.51,
      order_remark: 'Q1',
      strategy_name: 'alpha',
      traded_time: 1795485600,
    });
    const last = callbacks.filter((cb) => cb.callback === 'on_stock_order').at(-1);
    expect(last?.data).toMatchObject({ traded_volume: 100, traded_price: 11.51, price_type: 50 });
    const position = callbacks.find((cb) => cb.callback === 'on_stock_position');
    // T+1: today's buy is held but not sellable.
    expect(position?.data).toMatchObject({ volume: 100, can_use_volume: 0 });
  });

  it('rests a non-marketable order and fills it when the quote crosses', async () => {
    const { sim, callbacks } = makeSim();
    await sim.connect();
    await sim.orderStockAsync(ACCOUNT, '000001.SZ', 23, 200, 11, 11.4, 'alpha', 'Q2');
    await eventually(() => (statuses(callbacks).includes(50) ? true : undefined));
    expect(statuses(callbacks)).toEqual([48, 50]);
    sim.setQuote('000001.SZ', 11.39);
    await eventually(() => (statuses(callbacks).includes(56) ? true : undefined));
    const orders = await sim.queryStockOrders(ACCOUNT);
    expect(orders[0]).toMatchObject({ order_status: 56, traded_volume: 200, traded_price: 11.4 });
  });

  it('rejects with status 57, a counter message and on_order_error when cash is short', async () => {
    const { sim, callbacks } = makeSim();
    await sim.connect();
    await sim.orderStockAsync(ACCOUNT, '000001.SZ', 23, 100_000, 11, 11.6, 'alpha', 'Q3');
    await eventually(() => (names(callbacks).includes('on_order_error') ? true : undefined));
    const junk = callbacks.find((cb) => cb.callback === 'on_stock_order');
    expect(junk?.data).toMatchObject({
      order_status: XtOrderStatus.ORDER_JUNK,
      status_msg: '[COUNTER][260200][可用资金不足]',
    });
    expect(junk?.data.order_sysid).toMatch(/^xt\d+$/);
    expect(names(callbacks)).toEqual([
      'on_order_stock_async_response',
      'on_stock_order',
      'on_order_error',
    ]);
  });

  it('refuses to sell shares bought today (T+1)', async () => {
    const { sim, callbacks } = makeSim();
    await sim.connect();
    await sim.orderStockAsync(ACCOUNT, '000001.SZ', 23, 100, 11, 11.6, 'alpha', 'Q4');
    await sim.orderStockAsync(ACCOUNT, '000001.SZ', 24, 100, 11, 11.4, 'alpha', 'Q5');
    await eventually(() => (names(callbacks).includes('on_order_error') ? true : undefined));
    const sell = callbacks.filter(
      (cb) => cb.callback === 'on_stock_order' && cb.data.order_remark === 'Q5',
    );
    expect(sell.at(-1)?.data).toMatchObject({
      order_status: 57,
      status_msg: '[COUNTER][260300][可用股份不足]',
    });
  });

  it('cancels a resting order 51 → 54 and refuses to cancel a finished one', async () => {
    const { sim, callbacks } = makeSim();
    await sim.connect();
    await sim.orderStockAsync(ACCOUNT, '600000.SH', 24, 500, 11, 8.3, 'alpha', 'Q6');
    await eventually(() => (statuses(callbacks).includes(50) ? true : undefined));
    const [resting] = await sim.queryStockOrders(ACCOUNT, true);
    await sim.cancelOrderStockAsync(ACCOUNT, resting!.order_id);
    await eventually(() => (statuses(callbacks).includes(54) ? true : undefined));
    expect(statuses(callbacks)).toEqual([48, 50, 51, 54]);
    const [position] = await sim.queryStockPositions(ACCOUNT);
    expect(position).toMatchObject({ volume: 1000, can_use_volume: 1000, frozen_volume: 0 });
    await sim.cancelOrderStockAsync(ACCOUNT, resting!.order_id);
    await eventually(() => (names(callbacks).includes('on_cancel_error') ? true : undefined));
  });

  it('keeps delivering after a listener throws, as xtquant does', async () => {
    const { sim, callbacks } = makeSim();
    sim.onCallback(() => {
      throw new Error('strategy bug');
    });
    await sim.connect();
    await sim.orderStockAsync(ACCOUNT, '000001.SZ', 23, 100, 11, 11.6, 'alpha', 'Q7');
    await eventually(() => (statuses(callbacks).includes(56) ? true : undefined));
    expect(statuses(callbacks)).toEqual([48, 50, 56]);
  });
});
