import { aSchedule, aWindow, at } from '@qmt/domain/testing';
import fc from 'fast-check';
import { asMoney, asPrice } from '../money/index.js';
import {
  executionQuality,
  slippageBps,
  trackingError,
  type ChildFill,
  type MarketInterval,
} from './execution-quality.js';

// TWAP 10,000 over 10:00–10:10: targets 1,000 … 10,000 at each minute's end.
const buy = aSchedule({ type: 'TWAP', quantity: 10_000 }, aWindow('10:00', '10:10'));
const sell = aSchedule({ type: 'TWAP', quantity: 10_000, side: 'SELL' }, aWindow('10:00', '10:10'));
const fill = (time: string, quantity: number, price: number): ChildFill => ({
  time: at(time),
  quantity,
  price: asPrice(price),
});
const bar = (from: string, to: string, volume: number, vwap: number): MarketInterval => ({
  start: at(from),
  end: at(to),
  volume,
  notional: asMoney(BigInt(volume * vwap)),
});

describe('slippageBps: positive is worse for the parent', () => {
  it.each<['BUY' | 'SELL', number, number, number]>([
    ['BUY', 100_100, 100_000, 10],
    ['BUY', 99_900, 100_000, -10],
    ['SELL', 99_900, 100_000, 10],
    ['SELL', 100_100, 100_000, -10],
    ['BUY', 100_000, 100_000, 0],
  ])('%s at %d against %d: %d bps', (side, realised, market, bps) => {
    expect(slippageBps(side, realised, market)).toBeCloseTo(bps, 10);
  });
});

describe('executionQuality', () => {
  const market = [
    bar('09:59', '10:00', 50_000, 90_000),
    bar('10:00', '10:05', 60_000, 100_000),
    bar('10:05', '10:10', 40_000, 100_500),
    // Half inside the window: half its volume counts.
    bar('10:09:30', '10:10:30', 20_000, 101_000),
  ];
  const fills = [fill('10:00:30', 4000, 100_050), fill('10:06', 6000, 100_300)];

  it('compares realised VWAP with the market over the window only', () => {
    const q = executionQuality(buy, fills, market);
    const marketVwap = (60_000 * 100_000 + 40_000 * 100_500 + 10_000 * 101_000) / 110_000;
    const realised = (4000 * 100_050 + 6000 * 100_300) / 10_000;
    expect(q.realisedVwap).toBeCloseTo(realised, 9);
    expect(q.marketVwap).toBeCloseTo(marketVwap, 9);
    expect(q.slippageBps).toBeCloseTo(((realised - marketVwap) / marketVwap) * 10_000, 9);
    expect(q.marketVolume).toBe(110_000);
    expect(q.participation).toBeCloseTo(10_000 / 110_000, 12);
    expect(q.fillRate).toBe(1);
  });

  it('turns the sign for a sell', () => {
    const b = executionQuality(buy, fills, market).slippageBps ?? 0;
    const s = executionQuality(sell, fills, market).slippageBps ?? 0;
    expect(s).toBeCloseTo(-b, 12);
  });

  it('counts single trades inside [start, end) and none outside', () => {
    const trades: MarketInterval[] = [
      { start: at('10:00'), end: at('10:00'), volume: 100, notional: asMoney(10_000_000n) },
      { start: at('10:10'), end: at('10:10'), volume: 900, notional: asMoney(99_000_000n) },
    ];
    expect(executionQuality(buy, [], trades)).toMatchObject({
      marketVolume: 100,
      marketVwap: 100_000,
      realisedVwap: null,
      slippageBps: null,
      fillRate: 0,
      participation: 0,
    });
  });

  it('has no market figures when the market did not trade', () => {
    expect(executionQuality(buy, fills, [])).toMatchObject({
      marketVwap: null,
      participation: null,
      slippageBps: null,
    });
  });
});

describe('trackingError: |cumulative filled − target| / quantity at each bucket end', () => {
  it('is 0 on schedule', () => {
    const onSchedule = Array.from({ length: 10 }, (_, i) => fill(`10:0${i}:30`, 1000, 100_000));
    expect(trackingError(buy, onSchedule, buy.window.end)).toEqual({ max: 0, rms: 0, buckets: 10 });
  });

  it('measures a parent that did everything in the last minute', () => {
    // Deviations 0.1, 0.2, … 0.9 and 0 at the end.
    const late = [fill('10:09:30', 10_000, 100_000)];
    const error = trackingError(buy, late, buy.window.end);
    const squares = [1, 2, 3, 4, 5, 6, 7, 8, 9].reduce((s, k) => s + (k / 10) ** 2, 0);
    expect(error.max).toBeCloseTo(0.9, 12);
    expect(error.rms).toBeCloseTo(Math.sqrt(squares / 10), 12);
  });

  it('counts a fill at a bucket end in the next bucket, and stops at asOf', () => {
    const error = trackingError(buy, [fill('10:01', 1000, 1)], at('10:02'));
    // At 10:01 filled 0 vs 1,000; at 10:02 filled 1,000 vs 2,000.
    expect(error).toEqual({ max: 0.1, rms: 0.1, buckets: 2 });
  });

  it('is between 0 and 1 for fills that never exceed the parent', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ second: fc.nat(600), share: fc.nat(1000) }), { maxLength: 10 }),
        (raw) => {
          const fills = raw.map(({ second, share }) => ({
            time: new Date(at('10:00').getTime() + second * 1000),
            quantity: share,
            price: asPrice(1),
          }));
          const error = trackingError(buy, fills, buy.window.end);
          expect(error.max).toBeGreaterThanOrEqual(0);
          expect(error.max).toBeLessThanOrEqual(1);
          expect(error.rms).toBeLessThanOrEqual(error.max + 1e-12);
        },
      ),
    );
  });
});
