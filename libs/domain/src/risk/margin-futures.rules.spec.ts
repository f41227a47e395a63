import { anInstrument, cases, limitsOf, withOrder, yuan } from '@qmt/domain/testing';
import { asMoney, moneyFromYuan } from '../money/index.js';
import { XtOrderType } from '../xt/index.js';
import { futuresOpenLimitRule } from './futures-open-limit.rule.js';
import { marginQuotaRule } from './margin-quota.rule.js';
import { orderCashRule, orderSellableRule } from './order-exposure.rules.js';
import { reservationFor } from './reservation.js';
import { shortSellPriceRule } from './short-sell-price.rule.js';
import type { OrderRiskContext } from './order-risk-context.js';
import type { Verdict } from './verdict.js';

const codeOf = (verdict: Verdict) => (verdict.ok ? null : verdict.rule);
const credit = { shortQuota: 1_000, financeQuota: moneyFromYuan(100_000) };
const shortSale = (price: string | null, over: Partial<OrderRiskContext> = {}, quantity = 100) =>
  withOrder(
    {
      side: 'SELL',
      orderType: XtOrderType.CREDIT_SLO_SELL,
      limitPrice: price === null ? null : yuan(price),
      quantity,
    },
    { lastPrice: yuan('11.50'), credit, ...over },
  );

describe('shortSellPriceRule (cn-market-rules §9): at the last price passes, a tick below fails', () => {
  it.each(
    cases<OrderRiskContext>([
      ['at the last price', shortSale('11.50'), null],
      ['one tick below', shortSale('11.49'), 'SHORT_SELL_PRICE'],
      ['above the last price', shortSale('11.60'), null],
      [
        'before any trade: the previous close 11.50',
        shortSale('11.49', { lastPrice: null }),
        'SHORT_SELL_PRICE',
      ],
      ['a market short sale', shortSale(null), 'SHORT_SELL_PRICE'],
      [
        'the special-quota short sale type',
        withOrder({
          side: 'SELL',
          orderType: XtOrderType.CREDIT_SLO_SELL_SPECIAL,
          limitPrice: yuan('11.49'),
        }),
        'SHORT_SELL_PRICE',
      ],
      [
        'an ordinary sell below the last price',
        withOrder({ side: 'SELL', orderType: 24, limitPrice: yuan('11.00') }),
        null,
      ],
    ]),
  )('%s', (_case, ctx, code) => {
    expect(codeOf(shortSellPriceRule(ctx))).toBe(code);
  });
});

describe('marginQuotaRule (§9): exactly the quota passes, one more fails', () => {
  const financed = (financeQuota: bigint) =>
    withOrder(
      { orderType: XtOrderType.CREDIT_FIN_BUY },
      { credit: { ...credit, financeQuota: asMoney(financeQuota) } },
    );
  const needed = reservationFor(withOrder({}).order, withOrder({}).instrument, withOrder({}).fees);
  it.each(
    cases<OrderRiskContext>([
      ['short 1,000 of a 1,000 quota', shortSale('11.50', {}, 1_000), null],
      ['short 1,100 of a 1,000 quota', shortSale('11.50', {}, 1_100), 'MARGIN_QUOTA'],
      ['short on an account without margin', shortSale('11.50', { credit: null }), 'MARGIN_QUOTA'],
      ['a financed buy with exactly enough financing', financed(needed), null],
      ['a financed buy 0.0001 CNY short', financed(needed - 1n), 'MARGIN_QUOTA'],
      ['a cash buy ignores the quotas', withOrder({}), null],
    ]),
  )('%s', (_case, ctx, code) => {
    expect(codeOf(marginQuotaRule(ctx))).toBe(code);
  });
});

describe('futuresOpenLimitRule (§8): exactly the daily open limit passes, one lot more fails', () => {
  const ifFuture = anInstrument('IF2612.IF', '3900', { multiplier: 300 });
  const open = (
    quantity: number,
    openedToday: number,
    orderType: number = XtOrderType.FUTURE_OPEN_LONG,
  ) =>
    withOrder(
      { symbol: 'IF2612.IF', quantity, orderType, limitPrice: yuan('3900') },
      {
        instrument: ifFuture,
        futuresOpenedToday: openedToday,
        limits: limitsOf({ maxFuturesDailyOpen: 500 }),
      },
    );
  it.each(
    cases<OrderRiskContext>([
      ['490 opened + 10', open(10, 490), null],
      ['491 opened + 10', open(10, 491), 'FUTURES_OPEN_LIMIT'],
      [
        'an open short counts too',
        open(10, 491, XtOrderType.FUTURE_OPEN_SHORT),
        'FUTURES_OPEN_LIMIT',
      ],
      ['a close is never limited', open(10, 500, XtOrderType.FUTURE_CLOSE_LONG_TODAY), null],
      [
        'a stock is not a future',
        withOrder({}, { futuresOpenedToday: 10_000, limits: limitsOf({ maxFuturesDailyOpen: 1 }) }),
        null,
      ],
    ]),
  )('%s', (_case, ctx, code) => {
    expect(codeOf(futuresOpenLimitRule(ctx))).toBe(code);
  });
});

describe('sellable and cash under margin and futures order types', () => {
  it.each(
    cases<OrderRiskContext>([
      [
        'a stock sell beyond the book',
        withOrder({ side: 'SELL', orderType: 24 }, { sellableQuantity: 99 }),
        'INSUFFICIENT_POSITION',
      ],
      [
        'a stock sell of exactly the book',
        withOrder({ side: 'SELL', orderType: 24 }, { sellableQuantity: 100 }),
        null,
      ],
      ['a short sale owns nothing and needs nothing', shortSale('11.50'), null],
      [
        'a futures open short owns nothing',
        withOrder(
          { side: 'SELL', orderType: XtOrderType.FUTURE_OPEN_SHORT, symbol: 'IF2612.IF' },
          { instrument: anInstrument('IF2612.IF', '3900') },
        ),
        null,
      ],
      [
        'a futures close long beyond the closable lots',
        withOrder(
          {
            side: 'SELL',
            orderType: XtOrderType.FUTURE_CLOSE_LONG_HISTORY,
            symbol: 'IF2612.IF',
            quantity: 2,
          },
          { instrument: anInstrument('IF2612.IF', '3900'), sellableQuantity: 1 },
        ),
        'INSUFFICIENT_POSITION',
      ],
      [
        'an unknown order type on a stock sell is still held to the book',
        withOrder({ side: 'SELL', orderType: 999 }),
        'INSUFFICIENT_POSITION',
      ],
    ]),
  )('%s', (_case, ctx, code) => {
    expect(codeOf(orderSellableRule(ctx))).toBe(code);
  });

  it('spends no cash on a financed buy, and cash on a cash buy', () => {
    const broke = { availableCash: asMoney(0n) };
    expect(orderCashRule(withOrder({ orderType: XtOrderType.CREDIT_FIN_BUY }, broke)).ok).toBe(
      true,
    );
    expect(codeOf(orderCashRule(withOrder({}, broke)))).toBe('INSUFFICIENT_CASH');
  });
});
