// Running a whole schedule bucket by bucket against random fills and market volumes: the
// planner's promises must hold whatever the market does.
import { anAlgoParent, aWindow } from '@qmt/domain/testing';
import fc from 'fast-check';
import { checkLot } from '../instrument/index.js';
import type { AlgoParent } from './algo-types.js';
import { planSlice } from './plan-slice.js';
import { buildSchedule } from './schedule.js';
import { defaultUShapedProfile } from './volume-profile.js';

interface Run {
  readonly filled: number;
  readonly children: readonly {
    readonly quantity: number;
    readonly cap: number | null;
    readonly held: number;
  }[];
}

/** Plays every bucket: each child fills `fillShare` of itself, the rest is cancelled before the next. */
function play(
  parent: AlgoParent,
  minutes: number,
  fillShares: readonly number[],
  volumes: readonly number[],
  held: number,
): Run {
  const window = aWindow('13:00', `13:${String(minutes).padStart(2, '0')}`);
  const schedule = buildSchedule(parent, defaultUShapedProfile(), window, 60);
  let filled = 0;
  let holding = held;
  const children: Run['children'][number][] = [];
  schedule.buckets.forEach((_bucket, i) => {
    const previousBucket = volumes[i - 1];
    const plan = planSlice(schedule, i, {
      filledQuantity: filled,
      workingQuantity: 0,
      heldQuantity: holding,
      marketVolume: previousBucket === undefined ? {} : { previousBucket },
    });
    if (plan.quantity > 0) {
      children.push({ quantity: plan.quantity, cap: plan.participationCap, held: holding });
      const done = Math.floor(plan.quantity * (fillShares[i % fillShares.length] ?? 1));
      filled += done;
      holding -= parent.side === 'SELL' ? done : 0;
    }
  });
  return { filled, children };
}

const urgency = fc.constantFrom('PASSIVE', 'NEUTRAL', 'AGGRESSIVE' as const);
const type = fc.constantFrom('VWAP', 'TWAP' as const);
const minutes = fc.integer({ min: 1, max: 59 });

describe('planSlice over a whole window', () => {
  it('completes a lot-sized main-board buy exactly when children fill, every child a lot', () => {
    fc.assert(
      fc.property(type, urgency, minutes, fc.integer({ min: 1, max: 5000 }), (t, u, m, lots) => {
        const parent = anAlgoParent({ type: t, urgency: u, quantity: lots * 100 });
        const run = play(parent, m, [1], [], 0);
        expect(run.filled).toBe(parent.quantity);
        for (const child of run.children) {
          expect(checkLot(parent.security, 'BUY', child.quantity, 0)).toEqual({ ok: true });
        }
      }),
    );
  });

  it('completes a STAR buy of any size from 200 exactly, never sending under the minimum', () => {
    fc.assert(
      fc.property(
        type,
        urgency,
        minutes,
        fc.integer({ min: 200, max: 200_000 }),
        (t, u, m, quantity) => {
          const parent = anAlgoParent({ symbol: '688981.SH', type: t, urgency: u, quantity });
          const run = play(parent, m, [1], [], 0);
          expect(run.filled).toBe(quantity);
          expect(run.children.every((c) => c.quantity >= 200)).toBe(true);
        },
      ),
    );
  });

  it('sells a whole odd holding exactly, every child legal for the holding at that time', () => {
    fc.assert(
      fc.property(urgency, minutes, fc.integer({ min: 1, max: 100_000 }), (u, m, held) => {
        const parent = anAlgoParent({ side: 'SELL', urgency: u, quantity: held });
        const run = play(parent, m, [1], [], held);
        expect(run.filled).toBe(held);
        for (const child of run.children) {
          expect(checkLot(parent.security, 'SELL', child.quantity, child.held)).toEqual({
            ok: true,
          });
        }
      }),
    );
  });

  it('never overfills, never exceeds the cap, whatever fills and volumes do', () => {
    fc.assert(
      fc.property(
        type,
        urgency,
        minutes,
        fc.integer({ min: 1, max: 5000 }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 10 }),
        fc.array(fc.nat(200_000), { minLength: 60, maxLength: 60 }),
        (t, u, m, lots, participation, fillShares, volumes) => {
          const parent = anAlgoParent({
            type: t,
            urgency: u,
            quantity: lots * 100,
            maxParticipation: participation,
          });
          const run = play(parent, m, fillShares, volumes, 0);
          expect(run.filled).toBeLessThanOrEqual(parent.quantity);
          for (const child of run.children) {
            expect(child.quantity).toBeLessThanOrEqual(child.cap ?? Number.POSITIVE_INFINITY);
            expect(child.quantity % 100).toBe(0);
          }
        },
      ),
    );
  });
});
