import { aSchedule, aWindow } from '@qmt/domain/testing';
import type { AlgoParent } from './algo-types.js';
import { catchUpShare, planSlice, type SlicePlan, type SliceState } from './plan-slice.js';

// Ten one-minute TWAP buckets of 1,000: cumulative targets 1,000 … 10,000.
const twap = (parent: Partial<AlgoParent> & { symbol?: string } = {}, minutes = 10) =>
  aSchedule(
    { type: 'TWAP', quantity: 10_000, ...parent },
    aWindow('10:00', `10:${String(minutes).padStart(2, '0')}`),
  );

const state = (over: Partial<SliceState> = {}): SliceState => ({
  filledQuantity: 0,
  workingQuantity: 0,
  heldQuantity: 0,
  marketVolume: {},
  ...over,
});

const brief = (p: SlicePlan) => [p.quantity, p.limitedBy] as const;

describe('planSlice: target minus filled, rounded to the lot', () => {
  it.each<[string, number, Partial<SliceState>, number, string]>([
    ['first bucket asks its quota', 0, {}, 1000, 'SCHEDULE'],
    ['on schedule, the next quota', 3, { filledQuantity: 3000 }, 1000, 'SCHEDULE'],
    ['ahead, only what the target still lacks', 3, { filledQuantity: 3500 }, 500, 'SCHEDULE'],
    ['beyond the target, nothing', 3, { filledQuantity: 4200 }, 0, 'ON_SCHEDULE'],
    ['exactly at the target, nothing', 3, { filledQuantity: 4000 }, 0, 'ON_SCHEDULE'],
    [
      'working children count as committed',
      3,
      { filledQuantity: 3000, workingQuantity: 500 },
      500,
      'SCHEDULE',
    ],
    ['all filled: complete', 5, { filledQuantity: 10_000 }, 0, 'COMPLETE'],
    ['last bucket takes everything left', 9, { filledQuantity: 2000 }, 8000, 'SCHEDULE'],
    ['an index past the window', 10, {}, 0, 'OUTSIDE_WINDOW'],
    ['a negative index', -1, {}, 0, 'OUTSIDE_WINDOW'],
  ])('%s', (_case, bucket, over, quantity, limitedBy) => {
    expect(brief(planSlice(twap(), bucket, state(over)))).toEqual([quantity, limitedBy]);
  });

  it('rounds a 250 quota down to 200 and carries the 50 into the next bucket', () => {
    const schedule = twap({ quantity: 2500, urgency: 'AGGRESSIVE' });
    expect(brief(planSlice(schedule, 0, state()))).toEqual([200, 'LOT']);
    expect(brief(planSlice(schedule, 1, state({ filledQuantity: 200 })))).toEqual([
      300,
      'SCHEDULE',
    ]);
  });
});

describe('planSlice: catch-up when behind, by urgency', () => {
  // Bucket 5 (target 6,000) with 3,000 filled: 2,000 behind the previous target, 5 buckets left.
  it.each<[AlgoParent['urgency'], number]>([
    ['PASSIVE', 1000 + 2000 / 5],
    ['NEUTRAL', 1000 + 2000 / 2],
    ['AGGRESSIVE', 1000 + 2000],
  ])('%s asks %d', (urgency, quantity) => {
    expect(planSlice(twap({ urgency }), 5, state({ filledQuantity: 3000 })).quantity).toBe(
      quantity,
    );
  });

  it.each<[AlgoParent['urgency'], number, number]>([
    ['PASSIVE', 5, 0.2],
    ['PASSIVE', 1, 1],
    ['NEUTRAL', 5, 0.5],
    ['NEUTRAL', 1, 1],
    ['AGGRESSIVE', 9, 1],
  ])('%s with %d buckets left takes %d of the backlog', (urgency, left, share) => {
    expect(catchUpShare(urgency, left)).toBe(share);
  });

  it('the last bucket takes everything whatever the urgency', () => {
    expect(
      planSlice(twap({ urgency: 'PASSIVE' }), 9, state({ filledQuantity: 100 })).quantity,
    ).toBe(9900);
  });
});

describe('planSlice: participation cap', () => {
  const capped = twap({ maxParticipation: 0.1 });

  it.each<[string, number, Partial<SliceState>, number | null, number, string]>([
    [
      'against the previous bucket',
      0,
      { marketVolume: { previousBucket: 5000 } },
      500,
      500,
      'PARTICIPATION',
    ],
    [
      'exactly at the cap passes whole',
      0,
      { marketVolume: { previousBucket: 10_000 } },
      1000,
      1000,
      'SCHEDULE',
    ],
    [
      'one share under the cap rounds to the lot',
      0,
      { marketVolume: { previousBucket: 9990 } },
      999,
      900,
      'PARTICIPATION',
    ],
    [
      'the current bucket wins when known',
      0,
      { marketVolume: { currentBucket: 3000, previousBucket: 50_000 } },
      300,
      300,
      'PARTICIPATION',
    ],
    [
      'no market volume: nothing',
      0,
      { marketVolume: { previousBucket: 0 } },
      0,
      0,
      'PARTICIPATION',
    ],
    ['no observation: no cap', 0, { marketVolume: {} }, null, 1000, 'SCHEDULE'],
  ])('%s', (_case, bucket, over, cap, quantity, limitedBy) => {
    const plan = planSlice(capped, bucket, state(over));
    expect([plan.participationCap, plan.quantity, plan.limitedBy]).toEqual([
      cap,
      quantity,
      limitedBy,
    ]);
  });

  it('binds the last bucket too and reports what the window will miss', () => {
    const plan = planSlice(
      capped,
      9,
      state({ filledQuantity: 6000, marketVolume: { previousBucket: 10_000 } }),
    );
    expect([plan.quantity, plan.isFinal, plan.shortfall]).toEqual([1000, true, 3000]);
  });
});

describe('planSlice: remainders the lot rules allow, and those they do not', () => {
  it('a main-board sell of the whole 1,050 holding sends the odd 50 with a child', () => {
    const schedule = twap({ side: 'SELL', quantity: 1050 }, 3);
    expect(planSlice(schedule, 0, state({ heldQuantity: 1050 })).quantity).toBe(350);
    expect(planSlice(schedule, 2, state({ filledQuantity: 1000, heldQuantity: 50 })).quantity).toBe(
      50,
    );
  });

  it('a main-board buy cannot send an odd 50 in the last bucket: it is the shortfall', () => {
    const plan = planSlice(twap({ quantity: 1050 }, 3), 2, state({ filledQuantity: 1000 }));
    expect([plan.quantity, plan.limitedBy, plan.shortfall]).toEqual([0, 'LOT', 50]);
  });

  it('a STAR sell of a 150-share holding goes whole, under the 200 minimum', () => {
    const plan = planSlice(
      twap({ symbol: '688981.SH', side: 'SELL', quantity: 150 }, 1),
      0,
      state({ heldQuantity: 150 }),
    );
    expect(plan.quantity).toBe(150);
  });

  it('a STAR buy waits while its quota is under 200', () => {
    const schedule = twap({ symbol: '688981.SH', quantity: 1000 }, 6);
    expect(brief(planSlice(schedule, 4, state({ filledQuantity: 667 })))).toEqual([0, 'LOT']);
  });

  // Six buckets of 1,000: targets 167, 333, 500, 667, 833, 1,000. Bucket 4 with 500 filled
  // asks 333, which would leave 167: under the STAR minimum, never sendable on its own.
  it('a STAR child that would strand 167 takes all 500 when the cap allows', () => {
    const schedule = twap({ symbol: '688981.SH', quantity: 1000, urgency: 'AGGRESSIVE' }, 6);
    expect(planSlice(schedule, 4, state({ filledQuantity: 500 })).quantity).toBe(500);
  });

  it('and shrinks to 300, leaving a sendable 200, when the cap does not', () => {
    const schedule = twap(
      { symbol: '688981.SH', quantity: 1000, urgency: 'AGGRESSIVE', maxParticipation: 0.1 },
      6,
    );
    const plan = planSlice(
      schedule,
      4,
      state({ filledQuantity: 500, marketVolume: { previousBucket: 4000 } }),
    );
    expect(plan.quantity).toBe(300);
  });
});
