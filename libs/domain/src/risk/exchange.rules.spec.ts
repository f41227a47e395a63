import { anInstrument, cases, limitsOf, shanghai, withOrder, yuan } from '@qmt/domain/testing';
import { moneyFromYuan } from '../money/index.js';
import { XtPriceType } from '../xt/index.js';
import { maxOrderNotionalRule } from './max-order-notional.rule.js';
import { maxOrderQuantityRule } from './max-order-quantity.rule.js';
import { priceCageRule } from './price-cage.rule.js';
import { priceDeviationRule } from './price-deviation.rule.js';
import { priceTypeRule } from './price-type.rule.js';
import type { OrderRiskContext } from './order-risk-context.js';
import type { Verdict } from './verdict.js';

const codeOf = (verdict: Verdict) => (verdict.ok ? null : verdict.rule);
const MARKET_SH = XtPriceType.MARKET_SH_CONVERT_5_CANCEL;
const MARKET_SZ = XtPriceType.MARKET_SZ_INSTBUSI_RESTCANCEL;

const star = anInstrument('688981.SH', '50.00');
const chinext = anInstrument('300750.SZ', '50.00');
const main = anInstrument('600000.SH', '10.00');
const bse = anInstrument('430047.BJ', '10.00');
const ifFuture = anInstrument('IF2612.IF', '3900', { multiplier: 300 });

function order(
  inst: typeof star,
  quantity: number,
  priceType: number = XtPriceType.FIX_PRICE,
  over: Partial<OrderRiskContext> = {},
): OrderRiskContext {
  const market = priceType !== XtPriceType.FIX_PRICE;
  return withOrder(
    {
      symbol: inst.security.symbol,
      quantity,
      priceType,
      limitPrice: market ? null : inst.preClose,
    },
    { instrument: inst, lastPrice: inst.preClose, ...over },
  );
}

describe('maxOrderQuantityRule (cn-market-rules §3): at the cap passes, one more fails', () => {
  it.each(
    cases<OrderRiskContext>([
      ['STAR limit 100,000', order(star, 100_000), null],
      ['STAR limit 100,001', order(star, 100_001), 'MAX_ORDER_QTY'],
      ['STAR market 50,000', order(star, 50_000, MARKET_SH), null],
      ['STAR market 50,001', order(star, 50_001, MARKET_SH), 'MAX_ORDER_QTY'],
      ['ChiNext limit 300,000', order(chinext, 300_000), null],
      ['ChiNext limit 300,001', order(chinext, 300_001), 'MAX_ORDER_QTY'],
      ['ChiNext market 150,000', order(chinext, 150_000, MARKET_SZ), null],
      ['ChiNext market 150,001', order(chinext, 150_001, MARKET_SZ), 'MAX_ORDER_QTY'],
      ['SH main limit 1,000,000', order(main, 1_000_000), null],
      ['SH main limit 1,000,001', order(main, 1_000_001), 'MAX_ORDER_QTY'],
      ['BSE 1,000,000', order(bse, 1_000_000), null],
      ['BSE 1,000,001', order(bse, 1_000_001), 'MAX_ORDER_QTY'],
      ['IF limit 20 lots', order(ifFuture, 20), null],
      ['IF limit 21 lots', order(ifFuture, 21), 'MAX_ORDER_QTY'],
      ['IF market 10 lots', order(ifFuture, 10, XtPriceType.MARKET_CANCEL_5), null],
      ['IF market 11 lots', order(ifFuture, 11, XtPriceType.MARKET_CANCEL_5), 'MAX_ORDER_QTY'],
      ['an ETF without an exchange cap', order(anInstrument('510300.SH', '4'), 50_000_000), null],
      [
        'desk cap 500: 500',
        order(main, 500, 11, { limits: limitsOf({ maxOrderQuantity: 500 }) }),
        null,
      ],
      [
        'desk cap 500: 501',
        order(main, 501, 11, { limits: limitsOf({ maxOrderQuantity: 500 }) }),
        'MAX_ORDER_QTY',
      ],
    ]),
  )('%s', (_case, ctx, code) => {
    expect(codeOf(maxOrderQuantityRule(ctx))).toBe(code);
  });

  it('names the binding cap: the exchange when the desk allows more', () => {
    expect(
      maxOrderQuantityRule(
        order(star, 100_001, 11, { limits: limitsOf({ maxOrderQuantity: 200_000 }) }),
      ),
    ).toMatchObject({
      rule: 'MAX_ORDER_QTY',
      details: { observed: 100_001, limit: 100_000, source: 'exchange', priceKind: 'limit' },
    });
    expect(
      maxOrderQuantityRule(order(star, 601, 11, { limits: limitsOf({ maxOrderQuantity: 600 }) })),
    ).toMatchObject({ details: { observed: 601, limit: 600, source: 'global' } });
  });
});

describe('maxOrderNotionalRule: exactly the cap passes, 0.0001 CNY more fails', () => {
  const capped = (yuanCap: string) => limitsOf({ maxOrderNotional: moneyFromYuan(yuanCap) });
  it.each(
    cases<OrderRiskContext>([
      // 100 × 11.60 = 1,160
      ['a limit buy at the cap', withOrder({}, { limits: capped('1160') }), null],
      [
        'a limit buy past the cap',
        withOrder({}, { limits: capped('1159.9999') }),
        'MAX_ORDER_NOTIONAL',
      ],
      // a market buy is valued at the limit-up price 12.65
      [
        'a market buy at the cap',
        withOrder({ limitPrice: null }, { limits: capped('1265') }),
        null,
      ],
      [
        'a market buy past the cap',
        withOrder({ limitPrice: null }, { limits: capped('1264.9999') }),
        'MAX_ORDER_NOTIONAL',
      ],
      // 1 lot × 3900 × 300
      [
        'IF with its multiplier at the cap',
        order(ifFuture, 1, 11, { limits: capped('1170000') }),
        null,
      ],
      [
        'IF past the cap',
        order(ifFuture, 1, 11, { limits: capped('1169999.9999') }),
        'MAX_ORDER_NOTIONAL',
      ],
      ['no cap', withOrder({ quantity: 1_000_000 }), null],
    ]),
  )('%s', (_case, ctx, code) => {
    expect(codeOf(maxOrderNotionalRule(ctx))).toBe(code);
  });
});

describe('priceCageRule (cn-market-rules §4): at the cage passes, one tick beyond fails', () => {
  const limit = (
    inst: typeof star,
    side: 'BUY' | 'SELL',
    price: string,
    over: Partial<OrderRiskContext> = {},
  ) =>
    withOrder(
      { symbol: inst.security.symbol, side, limitPrice: yuan(price), quantity: 200 },
      { instrument: inst, lastPrice: inst.preClose, ...over },
    );
  it.each(
    cases<OrderRiskContext>([
      ['STAR buy at 102%', limit(star, 'BUY', '51.00'), null],
      ['STAR buy one tick above', limit(star, 'BUY', '51.01'), 'PRICE_CAGE'],
      ['STAR sell at 98%', limit(star, 'SELL', '49.00'), null],
      ['STAR sell one tick below', limit(star, 'SELL', '48.99'), 'PRICE_CAGE'],
      [
        'STAR from the last price 50.50: 51.51',
        limit(star, 'BUY', '51.51', { lastPrice: yuan('50.50') }),
        null,
      ],
      [
        'STAR from the last price 50.50: 51.52',
        limit(star, 'BUY', '51.52', { lastPrice: yuan('50.50') }),
        'PRICE_CAGE',
      ],
      [
        'STAR before any trade: the previous close',
        limit(star, 'BUY', '51.01', { lastPrice: null }),
        'PRICE_CAGE',
      ],
      ['ChiNext buy at 102%', limit(chinext, 'BUY', '51.00'), null],
      ['ChiNext buy one tick above', limit(chinext, 'BUY', '51.01'), 'PRICE_CAGE'],
      ['main board 2% wider than 10 ticks: 10.20', limit(main, 'BUY', '10.20'), null],
      ['main board 10.21', limit(main, 'BUY', '10.21'), 'PRICE_CAGE'],
      [
        'low-priced main board: 10 ticks wider than 2%',
        limit(main, 'BUY', '2.10', { lastPrice: yuan('2.00') }),
        null,
      ],
      [
        'low-priced main board: 11 ticks',
        limit(main, 'BUY', '2.11', { lastPrice: yuan('2.00') }),
        'PRICE_CAGE',
      ],
      [
        'low-priced main board sell: 10 ticks',
        limit(main, 'SELL', '1.90', { lastPrice: yuan('2.00') }),
        null,
      ],
      [
        'low-priced main board sell: 11 ticks',
        limit(main, 'SELL', '1.89', { lastPrice: yuan('2.00') }),
        'PRICE_CAGE',
      ],
      ['BSE buy at 105%', limit(bse, 'BUY', '10.50'), null],
      ['BSE buy one tick above', limit(bse, 'BUY', '10.51'), 'PRICE_CAGE'],
      ['an ETF has no cage', limit(anInstrument('510300.SH', '4'), 'BUY', '4.400'), null],
      [
        'the opening auction has no cage',
        limit(star, 'BUY', '55.00', { now: shanghai('09:20:00') }),
        null,
      ],
      [
        'the closing auction has no cage',
        limit(star, 'BUY', '55.00', { now: shanghai('14:57:00') }),
        null,
      ],
    ]),
  )('%s', (_case, ctx, code) => {
    expect(codeOf(priceCageRule(ctx))).toBe(code);
  });

  it('skips market orders: their protective price is the price-type rule’s', () => {
    expect(priceCageRule(withOrder({ limitPrice: null }, { instrument: star })).ok).toBe(true);
  });

  it('names the last accepted price and the reference', () => {
    expect(priceCageRule(limit(star, 'BUY', '51.01'))).toMatchObject({
      rule: 'PRICE_CAGE',
      details: { observed: '51.01', limit: '51', reference: '50', cageBps: 200 },
    });
    expect(priceCageRule(limit(main, 'SELL', '1.89', { lastPrice: yuan('2.00') }))).toMatchObject({
      details: { observed: '1.89', limit: '1.9' },
    });
  });
});

describe('priceDeviationRule: exactly the deviation cap passes, one tick beyond fails', () => {
  const capped = limitsOf({ maxPriceDeviationBps: 500 });
  const at = (price: string, over: Partial<OrderRiskContext> = {}) =>
    withOrder(
      { symbol: '600000.SH', limitPrice: yuan(price) },
      { instrument: main, lastPrice: yuan('10.00'), limits: capped, ...over },
    );
  it.each(
    cases<OrderRiskContext>([
      ['+5%', at('10.50'), null],
      ['+5% + 1 tick', at('10.51'), 'PRICE_DEVIATION'],
      ['−5%', at('9.50'), null],
      ['−5% − 1 tick', at('9.49'), 'PRICE_DEVIATION'],
      [
        'before any trade: from the previous close 10',
        at('10.51', { lastPrice: null }),
        'PRICE_DEVIATION',
      ],
      ['a market order', withOrder({ limitPrice: null }, { limits: capped }), null],
      ['no cap', at('10.51', { limits: limitsOf() }), null],
    ]),
  )('%s', (_case, ctx, code) => {
    expect(codeOf(priceDeviationRule(ctx))).toBe(code);
  });

  it('reports the deviation in basis points', () => {
    expect(priceDeviationRule(at('10.51'))).toMatchObject({
      details: { observed: 510, limit: 500, unit: 'bps', reference: '10' },
    });
  });
});

describe('priceTypeRule (cn-market-rules §7, xtquant §1.3)', () => {
  const typed = (
    symbol: string,
    priceType: number,
    over: Partial<OrderRiskContext['order']> = {},
  ) =>
    withOrder(
      {
        symbol,
        priceType,
        limitPrice: priceType === XtPriceType.FIX_PRICE ? yuan('10') : null,
        ...over,
      },
      { instrument: anInstrument(symbol, '10') },
    );
  it.each(
    cases<OrderRiskContext>([
      ['SH best five then cancel (42)', typed('600000.SH', 42), null],
      ['SH best five then limit (43)', typed('600000.SH', 43), null],
      ['SH counterparty best (44)', typed('600000.SH', 44), null],
      ['SH IOC (46) is SZ only', typed('600000.SH', 46), 'PRICE_TYPE'],
      ['SZ IOC (46)', typed('000001.SZ', 46), null],
      ['SZ FOK (48)', typed('000001.SZ', 48), null],
      ['SZ best five SH style (42)', typed('000001.SZ', 42), 'PRICE_TYPE'],
      ['BJ best five (42)', typed('430047.BJ', 42), null],
      ['BJ SZ best five (47)', typed('430047.BJ', 47), 'PRICE_TYPE'],
      ['CFFEX best five IOC (22)', typed('IF2612.IF', 22), null],
      ['CFFEX with a stock type (42)', typed('IF2612.IF', 42), 'PRICE_TYPE'],
      ['DCE IOC market (19)', typed('m2605.DF', 19), null],
      ['DCE with CZCE best (18)', typed('m2605.DF', 18), 'PRICE_TYPE'],
      ['CZCE best (18)', typed('SR605.ZF', 18), null],
      ['SHFE takes no market orders', typed('rb2605.SF', 19), 'PRICE_TYPE'],
      ['SSE options take no market orders', typed('10004358.SHO', 44), 'PRICE_TYPE'],
      ['a limit order with a price', typed('rb2605.SF', XtPriceType.FIX_PRICE), null],
      ['a limit order without a price', typed('600000.SH', 11, { limitPrice: null }), 'PRICE_TYPE'],
      ['a latest-price order anywhere', typed('rb2605.SF', XtPriceType.LATEST_PRICE), null],
      ['a STAR market order without a protective price', typed('688981.SH', 42), 'PRICE_TYPE'],
      [
        'a STAR market order with a protective price',
        typed('688981.SH', 42, { protectivePrice: yuan('10.2') }),
        null,
      ],
      ['an unknown price type', typed('600000.SH', 99), 'PRICE_TYPE'],
    ]),
  )('%s', (_case, ctx, code) => {
    expect(codeOf(priceTypeRule(ctx))).toBe(code);
  });
});
