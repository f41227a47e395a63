import { XtOrderStatus, XtOrderType, XtPriceType, type XtCallback } from '@qmt/domain';
import { CREDIT, FUTURE, OPTION, STOCK, simFixture } from './testing/sim-fixture.js';

const LIMIT = XtPriceType.FIX_PRICE;
const last = <K extends XtCallback['callback']>(callbacks: XtCallback[], name: K, remark: string) =>
  callbacks
    .filter(
      (c) => c.callback === name && 'order_remark' in c.data && c.data.order_remark === remark,
    )
    .at(-1)?.data as Extract<XtCallback, { callback: K }>['data'] | undefined;

describe('the sim cash account', () => {
  it('takes a buy at exactly the limit-up price and refuses one tick above', async () => {
    const { sim, callbacks, settle } = simFixture();
    await sim.connect();
    await sim.orderStockAsync(STOCK, '600000.SH', 23, 100, LIMIT, 11, 'a', 'AT-LIMIT');
    await sim.orderStockAsync(STOCK, '600000.SH', 23, 100, LIMIT, 11.01, 'a', 'PAST-LIMIT');
    await settle();
    expect(last(callbacks, 'on_stock_order', 'AT-LIMIT')?.order_status).toBe(
      XtOrderStatus.ORDER_SUCCEEDED,
    );
    expect(last(callbacks, 'on_stock_order', 'PAST-LIMIT')).toMatchObject({
      order_status: XtOrderStatus.ORDER_JUNK,
      status_msg: '[COUNTER][200006][委托价格超出涨跌停范围]',
    });
  });

  it('sells a convertible bond bought today (T+0) but not a stock (T+1)', async () => {
    const { sim, callbacks, settle } = simFixture();
    await sim.connect();
    await sim.orderStockAsync(STOCK, '113050.SH', 23, 10, LIMIT, 126, 'a', 'CB-BUY');
    await sim.orderStockAsync(STOCK, '113050.SH', 24, 10, LIMIT, 124, 'a', 'CB-SELL');
    await settle();
    expect(last(callbacks, 'on_stock_order', 'CB-SELL')?.order_status).toBe(
      XtOrderStatus.ORDER_SUCCEEDED,
    );
  });

  it('answers market orders as each exchange does: SZ IOC cancels the unfilled rest (53)', async () => {
    const { sim, callbacks, settle } = simFixture();
    await sim.connect();
    sim.setQuote('000001.SZ', 12, 11.99, 12.01, 300);
    await sim.orderStockAsync(
      STOCK,
      '000001.SZ',
      23,
      2_000,
      XtPriceType.MARKET_SZ_CONVERT_5_CANCEL,
      0,
      'a',
      'IOC',
    );
    await settle();
    // The static quote's depth caps each level at 300: five levels, 1,500 of 2,000.
    expect(last(callbacks, 'on_stock_order', 'IOC')).toMatchObject({
      order_status: XtOrderStatus.ORDER_PART_CANCEL,
      traded_volume: 1_500,
      price_type: 88,
    });
    await sim.orderStockAsync(
      STOCK,
      '000001.SZ',
      23,
      100,
      XtPriceType.MARKET_SH_CONVERT_5_CANCEL,
      0,
      'a',
      'WRONG-VENUE',
    );
    await settle();
    expect(last(callbacks, 'on_stock_order', 'WRONG-VENUE')?.order_status).toBe(
      XtOrderStatus.ORDER_JUNK,
    );
  });

  it('subscribes an IPO within the quota, keeps it at 50 and refuses to cancel it', async () => {
    const { sim, callbacks, settle } = simFixture();
    await sim.connect();
    expect(await sim.queryNewPurchaseLimit(STOCK)).toMatchObject({ SH: 10_000 });
    expect(Object.keys(await sim.queryIpoData())).toEqual(['732999.SH']);
    await sim.orderStockAsync(STOCK, '732999.SH', 23, 1_000, LIMIT, 8.8, 'a', 'IPO');
    await sim.orderStockAsync(STOCK, '732999.SH', 23, 20_000, LIMIT, 8.8, 'a', 'IPO-BIG');
    await settle();
    const ipo = last(callbacks, 'on_stock_order', 'IPO');
    expect(ipo).toMatchObject({ order_status: XtOrderStatus.ORDER_REPORTED, price_type: 54 });
    expect(last(callbacks, 'on_stock_order', 'IPO-BIG')?.status_msg).toBe(
      '[COUNTER][280100][超过申购额度]',
    );
    await sim.cancelOrderStockAsync(STOCK, ipo?.order_id ?? 0);
    await settle();
    expect(callbacks.at(-1)).toMatchObject({
      callback: 'on_cancel_error',
      data: { error_msg: '申购委托不允许撤单' },
    });
  });

  it('creates ETF units for cash and redeems them the same day', async () => {
    const { sim, settle } = simFixture();
    await sim.connect();
    await sim.orderStockAsync(
      STOCK,
      '510300.SH',
      XtOrderType.ETF_PURCHASE,
      10_000,
      LIMIT,
      0,
      'a',
      'ETF-IN',
    );
    await settle();
    expect(await sim.queryStockPosition(STOCK, '510300.SH')).toMatchObject({
      volume: 10_000,
      can_use_volume: 10_000,
    });
    await sim.orderStockAsync(
      STOCK,
      '510300.SH',
      XtOrderType.ETF_REDEMPTION,
      10_000,
      LIMIT,
      0,
      'a',
      'ETF-OUT',
    );
    await settle();
    expect(await sim.queryStockPosition(STOCK, '510300.SH')).toMatchObject({ volume: 0 });
    expect((await sim.queryStockAsset(STOCK))?.cash).toBe(1_000_000);
  });

  it('moves cash by bank transfer and refuses to take out more than there is', async () => {
    const { sim } = simFixture();
    await sim.connect();
    expect(await sim.bankTransferIn(STOCK, 'B1', 'acc', 5_000)).toEqual({
      success: true,
      msg: '银行转证券成功',
    });
    expect((await sim.queryStockAsset(STOCK))?.cash).toBe(1_005_000);
    expect((await sim.bankTransferOut(STOCK, 'B1', 'acc', 2_000_000)).success).toBe(false);
  });
});

describe('the sim credit account', () => {
  it('buys on margin within the financing line, then repays with cash', async () => {
    const { sim, settle } = simFixture();
    await sim.connect();
    await sim.orderStockAsync(
      CREDIT,
      '600000.SH',
      XtOrderType.CREDIT_FIN_BUY,
      1_000,
      LIMIT,
      10.01,
      'a',
      'FIN',
    );
    await settle();
    const [detail] = await sim.queryCreditDetail(CREDIT);
    expect(detail).toMatchObject({
      m_dFinDebt: 10_010,
      m_dFinUsedQuota: 10_010,
      m_dAvailable: 1_000_000,
    });
    expect(await sim.queryStkCompacts(CREDIT)).toEqual([
      expect.objectContaining({ compact_type: 0, real_compact_balance: 10_010 }),
    ]);
    await sim.orderStockAsync(
      CREDIT,
      '',
      XtOrderType.CREDIT_DIRECT_CASH_REPAY,
      4_000,
      LIMIT,
      0,
      'a',
      'REPAY',
    );
    await settle();
    const [after] = await sim.queryCreditDetail(CREDIT);
    expect(after).toMatchObject({ m_dFinDebt: 6_010, m_dAvailable: 996_000 });
  });

  it('refuses a financing buy past the line', async () => {
    const { sim, callbacks, settle } = simFixture();
    await sim.connect();
    await sim.orderStockAsync(
      CREDIT,
      '600000.SH',
      XtOrderType.CREDIT_FIN_BUY,
      100_000,
      LIMIT,
      10.01,
      'a',
      'TOO-BIG',
    );
    await settle();
    expect(last(callbacks, 'on_stock_order', 'TOO-BIG')?.status_msg).toBe(
      '[COUNTER][270100][融资可用额度不足]',
    );
  });

  it('sells short borrowed shares, then buys them back to repay the loan', async () => {
    const { sim, settle } = simFixture();
    await sim.connect();
    await sim.orderStockAsync(
      CREDIT,
      '000001.SZ',
      XtOrderType.CREDIT_SLO_SELL,
      500,
      LIMIT,
      11.99,
      'a',
      'SHORT',
    );
    await settle();
    const [shorted] = await sim.queryCreditDetail(CREDIT);
    expect(shorted).toMatchObject({ m_dSloSellBalance: 5_995 });
    expect(
      (await sim.queryCreditSloCode(CREDIT)).find((c) => c.instrument_id === '000001')
        ?.enable_amount,
    ).toBe(999_500);
    await sim.orderStockAsync(
      CREDIT,
      '000001.SZ',
      XtOrderType.CREDIT_BUY_SECU_REPAY,
      500,
      LIMIT,
      12.01,
      'a',
      'COVER',
    );
    await settle();
    const [covered] = await sim.queryCreditDetail(CREDIT);
    expect(covered).toMatchObject({ m_dSloDebt: 0, m_dSloSellBalance: 0 });
    expect(await sim.queryStkCompacts(CREDIT)).toEqual([]);
  });

  it('answers credit queries of a cash account with empty lists, as the terminal does', async () => {
    const { sim } = simFixture();
    await sim.connect();
    expect(await sim.queryCreditDetail(STOCK)).toEqual([]);
    expect(await sim.queryCreditSubjects(STOCK)).toEqual([]);
    expect((await sim.queryCreditSubjects(CREDIT)).length).toBeGreaterThan(0);
  });
});

describe('the sim futures account', () => {
  it('opens long with margin, closes today and yesterday positions with their own flags', async () => {
    const { sim, callbacks, settle, at } = simFixture();
    await sim.connect();
    await sim.orderStockAsync(
      FUTURE,
      'IF2612.IF',
      XtOrderType.FUTURE_OPEN_LONG,
      2,
      LIMIT,
      3900.2,
      'a',
      'OPEN1',
    );
    await settle();
    // 3900.2 × 300 × 12 % × 2 lots of margin.
    expect((await sim.queryPositionStatistics(FUTURE))[0]).toMatchObject({
      direction: 48,
      today_position: 2,
      used_margin: 280_814.4,
    });
    at('2026-11-25T02:00:00Z');
    await sim.orderStockAsync(
      FUTURE,
      'IF2612.IF',
      XtOrderType.FUTURE_OPEN_LONG,
      1,
      LIMIT,
      3900.2,
      'a',
      'OPEN2',
    );
    await sim.orderStockAsync(
      FUTURE,
      'IF2612.IF',
      XtOrderType.FUTURE_CLOSE_LONG_TODAY,
      2,
      LIMIT,
      3899.8,
      'a',
      'TOO-MANY',
    );
    await sim.orderStockAsync(
      FUTURE,
      'IF2612.IF',
      XtOrderType.FUTURE_CLOSE_LONG_HISTORY_FIRST,
      3,
      LIMIT,
      3899.8,
      'a',
      'CLOSE',
    );
    await settle();
    expect(last(callbacks, 'on_stock_order', 'TOO-MANY')?.status_msg).toBe(
      '[COUNTER][300100][可平仓数量不足]',
    );
    const trades = callbacks.flatMap((c) =>
      c.callback === 'on_stock_trade' && c.data.order_remark === 'CLOSE' ? [c.data] : [],
    );
    expect(trades.map((t) => [t.traded_volume, t.offset_flag])).toEqual([
      [2, 52],
      [1, 51],
    ]);
    expect(await sim.queryPositionStatistics(FUTURE)).toEqual([]);
  });

  it('refuses a market order type on SHFE, which has none', async () => {
    const { sim, callbacks, settle } = simFixture();
    await sim.connect();
    await sim.orderStockAsync(
      FUTURE,
      'rb2605.SF',
      XtOrderType.FUTURE_OPEN_SHORT,
      1,
      XtPriceType.MARKET_CANCEL_5,
      0,
      'a',
      'MKT',
    );
    await settle();
    expect(last(callbacks, 'on_stock_order', 'MKT')?.order_status).toBe(XtOrderStatus.ORDER_JUNK);
  });

  it('closes shorts then opens long with the rest (两键 12)', async () => {
    const { sim, settle } = simFixture();
    await sim.connect();
    await sim.orderStockAsync(
      FUTURE,
      'rb2605.SF',
      XtOrderType.FUTURE_OPEN_SHORT,
      2,
      LIMIT,
      3499,
      'a',
      'S',
    );
    await sim.orderStockAsync(
      FUTURE,
      'rb2605.SF',
      XtOrderType.FUTURE_CLOSE_SHORT_TODAY_HISTORY_THEN_OPEN_LONG,
      5,
      LIMIT,
      3501,
      'a',
      'FLIP',
    );
    await settle();
    const positions = await sim.queryStockPositions(FUTURE);
    expect(positions.map((p) => [p.direction, p.volume])).toEqual([[48, 3]]);
  });
});

describe('the sim stock-option account', () => {
  it('buys to open paying the premium and refuses exercise, which needs a linked stock account', async () => {
    const { sim, callbacks, settle } = simFixture();
    await sim.connect();
    await sim.orderStockAsync(
      OPTION,
      '10009999.SHO',
      XtOrderType.STOCK_OPTION_BUY_OPEN,
      2,
      LIMIT,
      0.1001,
      'a',
      'BUY',
    );
    await sim.orderStockAsync(
      OPTION,
      '10009999.SHO',
      XtOrderType.STOCK_OPTION_CALL_EXERCISE,
      1,
      LIMIT,
      0,
      'a',
      'EX',
    );
    await settle();
    expect((await sim.queryStockAsset(OPTION))?.cash).toBe(1_000_000 - 2_002);
    expect(last(callbacks, 'on_stock_order', 'EX')?.order_status).toBe(XtOrderStatus.ORDER_JUNK);
  });
});
