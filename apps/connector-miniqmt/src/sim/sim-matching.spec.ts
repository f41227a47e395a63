import fc from 'fast-check';
import { XtPriceType, asPrice, type Price } from '@qmt/domain';
import { arrivalLimit, matchAgainstQuote } from './sim-matching.js';
import { executionStyleOf, type ExecutionStyle } from './sim-market-rules.js';
import type { SimQuote } from './sim-quote-book.js';

const p = (yuan: number): Price => asPrice(Math.round(yuan * 10_000));
const book = (asks: [number, number][], bids: [number, number][] = []): SimQuote => ({
  last: p(10),
  asks: asks.map(([price, volume]) => ({ price: p(price), volume })),
  bids: bids.map(([price, volume]) => ({ price: p(price), volume })),
  volume: 0,
  amount: 0,
  open: p(10),
  high: p(10),
  low: p(10),
  time: 0,
});
const ASKS: [number, number][] = [
  [10.01, 100],
  [10.02, 200],
  [10.03, 300],
  [10.04, 400],
  [10.05, 500],
  [10.06, 600],
];
const styleOf = (priceType: number, symbol: string): ExecutionStyle => {
  const style = executionStyleOf(priceType, symbol);
  if (!style.ok) {
    throw new Error(style.text);
  }
  return style.style;
};

describe('matching an arriving buy of 2,500 against six ask levels (2,100 shown)', () => {
  it.each([
    // price type, code, limit, filled, rest limit
    [
      'limit 10.02 rests the rest at its limit',
      XtPriceType.FIX_PRICE,
      '600000.SH',
      10.02,
      300,
      10.02,
    ],
    [
      'SH best-5 IOC takes five levels, cancels the rest',
      XtPriceType.MARKET_SH_CONVERT_5_CANCEL,
      '600000.SH',
      null,
      1500,
      null,
    ],
    [
      'SH best-5 to limit rests at the last fill price',
      XtPriceType.MARKET_SH_CONVERT_5_LIMIT,
      '600000.SH',
      null,
      1500,
      10.05,
    ],
    [
      'SZ IOC takes every level, cancels the rest',
      XtPriceType.MARKET_SZ_INSTBUSI_RESTCANCEL,
      '000001.SZ',
      null,
      2100,
      null,
    ],
    [
      'SZ best-5 IOC takes five levels',
      XtPriceType.MARKET_SZ_CONVERT_5_CANCEL,
      '000001.SZ',
      null,
      1500,
      null,
    ],
    [
      'SZ FOK kills what it cannot fill whole',
      XtPriceType.MARKET_SZ_FULL_OR_CANCEL,
      '000001.SZ',
      null,
      0,
      null,
    ],
    [
      'counter-party best works at the best ask',
      XtPriceType.MARKET_PEER_PRICE_FIRST,
      '000001.SZ',
      null,
      100,
      10.01,
    ],
  ] as const)('%s', (_name, priceType, symbol, limitYuan, filled, rest) => {
    const quote = book(ASKS, [[10, 100]]);
    const style = styleOf(priceType, symbol);
    const limit = arrivalLimit(style, 'BUY', limitYuan === null ? null : p(limitYuan), quote);
    expect(limit.ok).toBe(true);
    const result = matchAgainstQuote({
      side: 'BUY',
      remaining: 2_500,
      limit: limit.ok ? limit.limit : null,
      style,
      quote,
      maker: false,
    });
    expect(result.fills.reduce((n, f) => n + f.volume, 0)).toBe(filled);
    expect(result.restLimit).toBe(rest === null ? null : p(rest));
  });

  it('fills a FOK that the book covers exactly, at each level price', () => {
    const style = styleOf(XtPriceType.MARKET_SZ_FULL_OR_CANCEL, '000001.SZ');
    const result = matchAgainstQuote({
      side: 'BUY',
      remaining: 300,
      limit: null,
      style,
      quote: book(ASKS),
      maker: false,
    });
    expect(result.fills).toEqual([
      { price: p(10.01), volume: 100 },
      { price: p(10.02), volume: 200 },
    ]);
  });

  it('trades a resting order (maker) at its own limit', () => {
    const style = styleOf(XtPriceType.FIX_PRICE, '600000.SH');
    const result = matchAgainstQuote({
      side: 'BUY',
      remaining: 50,
      limit: p(10.03),
      style,
      quote: book(ASKS),
      maker: true,
    });
    expect(result.fills).toEqual([{ price: p(10.03), volume: 50 }]);
  });

  it('cannot price a counter-party-best order without a counter-party', () => {
    const style = styleOf(XtPriceType.MARKET_PEER_PRICE_FIRST, '000001.SZ');
    expect(arrivalLimit(style, 'BUY', null, book([])).ok).toBe(false);
  });
});

describe('price types by exchange', () => {
  it.each([
    [XtPriceType.MARKET_SH_CONVERT_5_CANCEL, '000001.SZ', false],
    [XtPriceType.MARKET_SH_CONVERT_5_CANCEL, '430047.BJ', true],
    [XtPriceType.MARKET_SZ_FULL_OR_CANCEL, '600000.SH', false],
    [XtPriceType.MARKET_CANCEL_5, 'IF2612.IF', true],
    [XtPriceType.MARKET_CANCEL, 'IF2612.IF', false],
    [XtPriceType.LATEST_PRICE, 'rb2605.SF', true],
    [99, '600000.SH', false],
  ] as const)('price type %i on %s is valid: %s', (priceType, symbol, valid) => {
    expect(executionStyleOf(priceType, symbol).ok).toBe(valid);
  });
});

describe('matching properties', () => {
  const levels = fc.array(
    fc.tuple(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 0, max: 1_000 })),
    {
      minLength: 0,
      maxLength: 8,
    },
  );
  it('never fills more than asked or than the book shows, and FOK is all or nothing', () => {
    fc.assert(
      fc.property(
        levels,
        fc.integer({ min: 1, max: 5_000 }),
        fc.boolean(),
        (raw, remaining, fok) => {
          const asks = raw
            .map(([ticks, volume]) => [10 + ticks / 100, volume] as [number, number])
            .sort((a, b) => a[0] - b[0]);
          const quote = book(asks);
          const style: ExecutionStyle = {
            levels: Infinity,
            limit: 'NONE',
            remainder: 'CANCEL',
            allOrNone: fok,
          };
          const result = matchAgainstQuote({
            side: 'BUY',
            remaining,
            limit: null,
            style,
            quote,
            maker: false,
          });
          const filled = result.fills.reduce((n, f) => n + f.volume, 0);
          const shown = asks.reduce((n, [, v]) => n + v, 0);
          expect(filled).toBeLessThanOrEqual(Math.min(remaining, shown));
          expect(!fok || filled === 0 || filled === remaining).toBe(true);
        },
      ),
    );
  });
});
