import { GatewayEventSchema } from '@qmt/contracts';
import type { XtCallback } from '@qmt/domain';
import { normalizeCallback } from './normalize-callback.js';

const ctx = {
  connectorId: 'sim-1',
  accountIdOf: (brokerId: string) => (brokerId === '888' ? 'SIM-STOCK' : undefined),
  now: new Date('2026-11-24T02:00:00Z'),
};
const ORDER_ID = 'QM85WQ21KQNBND7MMYT';
const order = {
  account_type: 2,
  account_id: '888',
  stock_code: '000001.SZ',
  order_id: 42,
  order_sysid: '5001',
  order_time: 1795485600,
  order_type: 23,
  order_volume: 100,
  price_type: 50,
  price: 11.6,
  traded_volume: 100,
  traded_price: 11.51,
  order_status: 56,
  status_msg: '',
  strategy_name: 'alpha',
  order_remark: ORDER_ID,
};
const trade = {
  account_type: 2,
  account_id: '888',
  stock_code: '000001.SZ',
  order_type: 23,
  traded_id: 'T9',
  traded_time: 1795485601,
  traded_price: 11.51,
  traded_volume: 100,
  traded_amount: 1151,
  order_id: 42,
  order_sysid: '5001',
  strategy_name: 'alpha',
  order_remark: ORDER_ID,
  commission: 5,
};

describe('normalizeCallback', () => {
  it('keeps the fields it has no slot for under extra, by their xt names', () => {
    const [event] = normalizeCallback(
      {
        callback: 'on_stock_order',
        data: { ...order, direction: 48, offset_flag: 48, m_nNewField: 7 } as typeof order,
      },
      ctx,
    );
    expect(GatewayEventSchema.parse(event)).toEqual(event);
    expect(event?.payload).toMatchObject({
      extra: { price: 11.6, direction: 48, offset_flag: 48, m_nNewField: 7 },
    });
  });

  it('carries the counter reason of a 57 to the event message', () => {
    const [event] = normalizeCallback(
      {
        callback: 'on_stock_order',
        data: {
          ...order,
          order_status: 57,
          traded_volume: 0,
          status_msg: '[COUNTER][260200][可用资金不足]',
        },
      },
      ctx,
    );
    expect(event).toMatchObject({
      type: 'ORDER_STATUS',
      orderId: ORDER_ID,
      payload: { xtStatus: 57, message: '[COUNTER][260200][可用资金不足]' },
    });
  });

  it('keeps an unknown status and the broker price type as the terminal sent them', () => {
    const [event] = normalizeCallback(
      { callback: 'on_stock_order', data: { ...order, order_status: 255, price_type: 88 } },
      ctx,
    );
    expect(event?.payload).toMatchObject({ xtStatus: 255, brokerPriceType: 88 });
    expect(event?.eventId).toBe(`st:SIM-STOCK:${ORDER_ID}:255:100`);
  });

  it('gives the same event id to a duplicated callback, so it dedupes downstream', () => {
    const once = normalizeCallback({ callback: 'on_stock_trade', data: trade }, ctx);
    const twice = normalizeCallback(
      { callback: 'on_stock_trade', data: { ...trade } },
      {
        ...ctx,
        now: new Date('2026-11-24T02:00:05Z'),
      },
    );
    expect(twice[0]?.eventId).toBe(once[0]?.eventId);
  });

  it('has no event for a cancel response (its result lies) or an account status (the service keeps it)', () => {
    expect(
      normalizeCallback(
        {
          callback: 'on_cancel_order_stock_async_response',
          data: {
            account_type: 2,
            account_id: '888',
            cancel_result: 0,
            order_id: 42,
            order_sysid: '',
            seq: 3,
            error_msg: '',
          },
        },
        ctx,
      ),
    ).toEqual([]);
    expect(
      normalizeCallback(
        { callback: 'on_account_status', data: { account_type: 2, account_id: '888', status: 3 } },
        ctx,
      ),
    ).toEqual([]);
  });

  it('turns on_stock_order into ORDER_STATUS with the order id from the remark', () => {
    const [event] = normalizeCallback({ callback: 'on_stock_order', data: order }, ctx);
    expect(GatewayEventSchema.parse(event)).toEqual(event);
    expect(event).toMatchObject({
      eventId: `st:SIM-STOCK:${ORDER_ID}:56:100`,
      type: 'ORDER_STATUS',
      accountId: 'SIM-STOCK',
      orderId: ORDER_ID,
      strategyId: 'alpha',
      payload: { xtStatus: 56, filledQuantity: 100, avgFillPrice: 115100, brokerSysId: '5001' },
    });
  });

  it('turns on_stock_trade into TRADE keyed by account and traded id, amounts in money units', () => {
    const [event] = normalizeCallback({ callback: 'on_stock_trade', data: trade }, ctx);
    expect(GatewayEventSchema.parse(event)).toEqual(event);
    expect(event).toMatchObject({
      eventId: 'tr:SIM-STOCK:T9',
      payload: { quantity: 100, price: 115100, amount: '11510000', commission: '50000' },
    });
  });

  it('gives a duplicated callback the same event id', () => {
    const cb: XtCallback = { callback: 'on_stock_trade', data: trade };
    expect(normalizeCallback(cb, ctx)[0]?.eventId).toBe(normalizeCallback(cb, ctx)[0]?.eventId);
  });

  it('keys orders placed elsewhere by sysid, with no order id', () => {
    const [event] = normalizeCallback(
      { callback: 'on_stock_order', data: { ...order, order_remark: '', strategy_name: '' } },
      ctx,
    );
    expect(event?.eventId).toBe('st:SIM-STOCK:sys-5001:56:100');
    expect(event?.orderId).toBeUndefined();
    expect(event?.strategyId).toBeUndefined();
  });

  it('maps order errors, cancel errors and async responses', () => {
    const error = normalizeCallback(
      {
        callback: 'on_order_error',
        data: {
          account_type: 2,
          account_id: '888',
          order_id: 42,
          error_id: -61,
          error_msg: '[COUNTER][260200][可用资金不足]',
          strategy_name: 'alpha',
          order_remark: ORDER_ID,
        },
      },
      ctx,
    );
    expect(error[0]).toMatchObject({
      type: 'ORDER_ERROR',
      orderId: ORDER_ID,
      payload: { errorId: -61 },
    });
    const ack = normalizeCallback(
      {
        callback: 'on_order_stock_async_response',
        data: {
          account_type: 2,
          account_id: '888',
          order_id: 42,
          strategy_name: 'alpha',
          order_remark: ORDER_ID,
          error_msg: '',
          seq: 3,
        },
      },
      ctx,
    );
    expect(ack[0]).toMatchObject({
      type: 'ORDER_ACK',
      payload: { brokerOrderId: 42, requestSeq: 3 },
    });
    for (const event of [...error, ...ack]) {
      expect(GatewayEventSchema.safeParse(event).success).toBe(true);
    }
  });

  it('drops callbacks of accounts the desk does not serve', () => {
    expect(
      normalizeCallback({ callback: 'on_stock_order', data: { ...order, account_id: '999' } }, ctx),
    ).toEqual([]);
  });
});
