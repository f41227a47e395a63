import fc from 'fast-check';
import { asPrice, type Price } from '../money/index.js';
import type { Side } from '../order/index.js';
import type { Urgency } from './algo-types.js';
import { priceChild, type Quote } from './child-price.js';

const p = (units: number | null): Price | null => (units === null ? null : asPrice(units));
const quote = (bid: number | null, ask: number | null, last: number | null): Quote => ({
  bid: p(bid),
  ask: p(ask),
  last: p(last),
});
const TICK = asPrice(100);

describe('priceChild (0.01 tick, quote 10.00 / 10.05, last 10.02)', () => {
  const q = quote(100_000, 100_500, 100_200);
  it.each<[Side, Urgency, number | null, number, string, boolean]>([
    ['BUY', 'PASSIVE', null, 100_000, 'NEAR_TOUCH', false],
    ['SELL', 'PASSIVE', null, 100_500, 'NEAR_TOUCH', false],
    // The mid 10.025 rounds to the passive side: 10.02 for a buy, 10.03 for a sell.
    ['BUY', 'NEUTRAL', null, 100_200, 'MID', false],
    ['SELL', 'NEUTRAL', null, 100_300, 'MID', false],
    ['BUY', 'AGGRESSIVE', null, 100_500, 'FAR_TOUCH', false],
    ['SELL', 'AGGRESSIVE', null, 100_000, 'FAR_TOUCH', false],
    // The parent's limit: at it passes, one tick inside pulls the child back.
    ['BUY', 'AGGRESSIVE', 100_500, 100_500, 'FAR_TOUCH', false],
    ['BUY', 'AGGRESSIVE', 100_400, 100_400, 'FAR_TOUCH', true],
    ['SELL', 'AGGRESSIVE', 100_000, 100_000, 'FAR_TOUCH', false],
    ['SELL', 'AGGRESSIVE', 100_100, 100_100, 'FAR_TOUCH', true],
    ['BUY', 'PASSIVE', 110_000, 100_000, 'NEAR_TOUCH', false],
  ])('%s %s limit %s → %d (%s, at limit %s)', (side, urgency, limit, price, basis, atLimit) => {
    expect(priceChild(side, q, urgency, p(limit), TICK)).toEqual({
      ok: true,
      price,
      basis,
      atLimit,
    });
  });

  it('a one-tick spread puts the neutral child on the near touch', () => {
    const tight = quote(100_000, 100_100, 100_000);
    expect(priceChild('BUY', tight, 'NEUTRAL', null, TICK)).toMatchObject({ price: 100_000 });
    expect(priceChild('SELL', tight, 'NEUTRAL', null, TICK)).toMatchObject({ price: 100_100 });
  });
});

describe('priceChild with an empty side (at the price limits xt sends 0)', () => {
  it.each<[string, Side, Urgency, Quote, number | null, unknown]>([
    [
      'limit-up, no asks: aggressive buy uses the last',
      'BUY',
      'AGGRESSIVE',
      quote(110_000, 0, 110_000),
      null,
      { ok: true, price: 110_000, basis: 'LAST', atLimit: false },
    ],
    [
      'no asks: neutral buy joins the bid',
      'BUY',
      'NEUTRAL',
      quote(110_000, null, 110_000),
      null,
      { ok: true, price: 110_000, basis: 'NEAR_TOUCH', atLimit: false },
    ],
    [
      'no bids: passive buy uses the last',
      'BUY',
      'PASSIVE',
      quote(0, 90_100, 90_000),
      null,
      { ok: true, price: 90_000, basis: 'LAST', atLimit: false },
    ],
    [
      'no quote at all: the limit',
      'SELL',
      'PASSIVE',
      quote(null, null, null),
      95_000,
      { ok: true, price: 95_000, basis: 'LIMIT', atLimit: false },
    ],
    [
      'no quote and no limit: no price',
      'BUY',
      'NEUTRAL',
      quote(0, 0, 0),
      null,
      { ok: false, reason: 'NO_PRICE' },
    ],
    [
      'an off-grid last is rounded passively',
      'SELL',
      'PASSIVE',
      quote(null, null, 100_050),
      null,
      { ok: true, price: 100_100, basis: 'LAST', atLimit: false },
    ],
  ])('%s', (_case, side, urgency, q, limit, expected) => {
    expect(priceChild(side, q, urgency, p(limit), TICK)).toEqual(expected);
  });

  it('refuses a non-positive tick', () => {
    expect(priceChild('BUY', quote(1, 2, 1), 'NEUTRAL', null, asPrice(0))).toEqual({
      ok: false,
      reason: 'BAD_TICK',
    });
  });
});

describe('priceChild properties', () => {
  const ticks = fc.integer({ min: 1, max: 2000 });
  it('is on the tick, never beyond the limit, and more urgent never means a worse-for-the-book price', () => {
    fc.assert(
      fc.property(
        ticks,
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 0, max: 50 }),
        fc.integer({ min: 1, max: 200_000 }),
        fc.constantFrom('BUY', 'SELL' as const),
        (tick, bidSteps, spreadSteps, limitSteps, side) => {
          const q = quote(bidSteps * tick, (bidSteps + spreadSteps) * tick, bidSteps * tick);
          const limit = asPrice(limitSteps * tick);
          const prices = (['PASSIVE', 'NEUTRAL', 'AGGRESSIVE'] as const).map((u) => {
            const child = priceChild(side, q, u, limit, asPrice(tick));
            if (!child.ok) {
              throw new Error('no price');
            }
            return child.price;
          });
          for (const price of prices) {
            expect(price % tick).toBe(0);
            expect(side === 'BUY' ? price <= limit : price >= limit).toBe(true);
          }
          const ordered =
            side === 'BUY' ? [...prices].sort((a, b) => a - b) : [...prices].sort((a, b) => b - a);
          expect(prices).toEqual(ordered);
        },
      ),
    );
  });
});
