import { anInstrument, cases, limitsOf, withOrder } from '@qmt/domain/testing';
import { asMoney, moneyFromYuan } from '../money/index.js';
import { XtOrderType } from '../xt/index.js';
import { grossExposureRule } from './gross-exposure.rule.js';
import { openOrderLimitRule } from './open-order-limit.rule.js';
import { positionLimitRule } from './position-limit.rule.js';
import type { OrderRiskContext } from './order-risk-context.js';
import type { Verdict } from './verdict.js';

const codeOf = (verdict: Verdict) => (verdict.ok ? null : verdict.rule);
const noPosition = { long: 0, short: 0, pendingLong: 0, pendingShort: 0 };
// The default order buys 100 000001.SZ at 11.60: 1,160 CNY.
const buyWith = (position: Partial<typeof noPosition>, over: Partial<OrderRiskContext> = {}) =>
  withOrder({}, { position: { ...noPosition, ...position }, ...over });

describe('positionLimitRule: the position after this order and the open ones, at the cap passes', () => {
  const qty = limitsOf({ maxPositionQuantity: 1_000 });
  const notional = (cap: string) => limitsOf({ maxPositionNotional: moneyFromYuan(cap) });
  const share = limitsOf({ maxPositionShareBps: 100 });
  it.each(
    cases<OrderRiskContext>([
      ['900 held + 100 = 1,000', buyWith({ long: 900 }, { limits: qty }), null],
      ['901 held + 100 = 1,001', buyWith({ long: 901 }, { limits: qty }), 'POSITION_LIMIT'],
      [
        '800 held + 100 open + 100',
        buyWith({ long: 800, pendingLong: 100 }, { limits: qty }),
        null,
      ],
      [
        '801 held + 100 open + 100',
        buyWith({ long: 801, pendingLong: 100 }, { limits: qty }),
        'POSITION_LIMIT',
      ],
      [
        'a short position does not count toward a buy',
        buyWith({ short: 5_000 }, { limits: qty }),
        null,
      ],
      [
        '1,000 × 11.60 at a 11,600 CNY cap',
        buyWith({ long: 900 }, { limits: notional('11600') }),
        null,
      ],
      [
        'at a 11,599.9999 CNY cap',
        buyWith({ long: 900 }, { limits: notional('11599.9999') }),
        'POSITION_LIMIT',
      ],
      [
        '11,600 CNY is exactly 1% of 1,160,000',
        buyWith({ long: 900 }, { limits: share, accountEquity: moneyFromYuan(1_160_000) }),
        null,
      ],
      [
        'and above 1% of 1,159,999.9999',
        buyWith({ long: 900 }, { limits: share, accountEquity: moneyFromYuan('1159999.9999') }),
        'POSITION_LIMIT',
      ],
      [
        'any position is too big for an empty account',
        buyWith({}, { limits: share, accountEquity: asMoney(0n) }),
        'POSITION_LIMIT',
      ],
      [
        'a sell reduces: never limited',
        withOrder(
          { side: 'SELL', orderType: XtOrderType.STOCK_SELL },
          { position: { ...noPosition, long: 5_000 }, limits: qty },
        ),
        null,
      ],
      [
        'a futures open short counts the short side',
        withOrder(
          {
            side: 'SELL',
            orderType: XtOrderType.FUTURE_OPEN_SHORT,
            quantity: 2,
            symbol: 'IF2612.IF',
          },
          {
            instrument: anInstrument('IF2612.IF', '3900', { multiplier: 300 }),
            position: { ...noPosition, short: 8, pendingShort: 1 },
            limits: limitsOf({ maxPositionQuantity: 10 }),
          },
        ),
        'POSITION_LIMIT',
      ],
    ]),
  )('%s', (_case, ctx, code) => {
    expect(codeOf(positionLimitRule(ctx))).toBe(code);
  });

  it('says which measure broke and by how much', () => {
    expect(positionLimitRule(buyWith({ long: 901 }, { limits: qty }))).toMatchObject({
      details: { observed: 1_001, limit: 1_000, measure: 'quantity', scope: 'global' },
    });
    expect(
      positionLimitRule(
        buyWith({ long: 900 }, { limits: share, accountEquity: moneyFromYuan(1_000_000) }),
      ),
    ).toMatchObject({ details: { observed: 116, limit: 100, unit: 'bps', measure: 'share' } });
  });
});

describe('grossExposureRule: exposure after this order, at the cap passes, 0.0001 CNY more fails', () => {
  const book = limitsOf({ maxGrossExposure: moneyFromYuan(10_000) });
  const account = limitsOf({ maxAccountGrossExposure: moneyFromYuan(10_000) });
  it.each(
    cases<OrderRiskContext>([
      [
        'book 8,840 + 1,160',
        withOrder({}, { limits: book, bookGrossExposure: moneyFromYuan(8_840) }),
        null,
      ],
      [
        'book 8,840.0001 + 1,160',
        withOrder({}, { limits: book, bookGrossExposure: moneyFromYuan('8840.0001') }),
        'GROSS_EXPOSURE',
      ],
      [
        'account 8,840 + 1,160',
        withOrder({}, { limits: account, accountGrossExposure: moneyFromYuan(8_840) }),
        null,
      ],
      [
        'account 8,840.0001 + 1,160',
        withOrder({}, { limits: account, accountGrossExposure: moneyFromYuan('8840.0001') }),
        'GROSS_EXPOSURE',
      ],
      [
        'a reducing sell adds nothing',
        withOrder(
          { side: 'SELL', orderType: 24 },
          { limits: book, bookGrossExposure: moneyFromYuan(1_000_000) },
        ),
        null,
      ],
      ['no cap', withOrder({}, { bookGrossExposure: moneyFromYuan(1e12) }), null],
    ]),
  )('%s', (_case, ctx, code) => {
    expect(codeOf(grossExposureRule(ctx))).toBe(code);
  });
});

describe('openOrderLimitRule: the order that makes the count equal to the cap passes', () => {
  const caps = limitsOf({ maxOpenOrders: 10, maxAccountOpenOrders: 100 });
  it.each(
    cases<OrderRiskContext>([
      ['9 open in the book', withOrder({}, { limits: caps, bookOpenOrders: 9 }), null],
      [
        '10 open in the book',
        withOrder({}, { limits: caps, bookOpenOrders: 10 }),
        'OPEN_ORDER_LIMIT',
      ],
      ['99 open in the account', withOrder({}, { limits: caps, accountOpenOrders: 99 }), null],
      [
        '100 open in the account',
        withOrder({}, { limits: caps, accountOpenOrders: 100 }),
        'OPEN_ORDER_LIMIT',
      ],
      [
        'a reducing order counts too',
        withOrder(
          { side: 'SELL', orderType: 24 },
          { limits: caps, bookOpenOrders: 10, sellableQuantity: 100 },
        ),
        'OPEN_ORDER_LIMIT',
      ],
    ]),
  )('%s', (_case, ctx, code) => {
    expect(codeOf(openOrderLimitRule(ctx))).toBe(code);
  });
});
