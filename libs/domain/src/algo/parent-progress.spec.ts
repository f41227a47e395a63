import { aSchedule, aWindow, at } from '@qmt/domain/testing';
import fc from 'fast-check';
import { asPrice } from '../money/index.js';
import type { OrderState } from '../order/index.js';
import {
  parentProgress,
  targetAt,
  type ChildOrder,
  type ParentControl,
  type ParentOrder,
} from './parent-progress.js';

// TWAP 10,000 over 10:00–10:10: 1,000 a minute.
const schedule = aSchedule({ type: 'TWAP', quantity: 10_000 }, aWindow('10:00', '10:10'));
const parent = (control: ParentControl = 'RUNNING'): ParentOrder => ({
  quantity: 10_000,
  control,
  schedule,
});
const child = (
  state: OrderState,
  quantity: number,
  filled = 0,
  avg: number | null = null,
): ChildOrder => ({
  state,
  quantity,
  filledQuantity: filled,
  avgFillPrice: avg === null ? null : asPrice(avg),
});

describe('parentProgress: quantities from the children', () => {
  const children = [
    child('ORDER_SUCCEEDED', 1000, 1000, 100_000),
    child('ORDER_PART_CANCEL', 1000, 400, 100_100),
    child('ORDER_PART_SUCC', 1000, 300, 100_200),
    child('ORDER_REPORTED', 500),
    child('REJECTED', 700),
    child('ORDER_UNKNOWN', 200),
  ];
  const progress = parentProgress(parent(), children, at('10:03:30'));

  it('sums fills over every child and working over the live ones only', () => {
    expect(progress).toMatchObject({
      filledQuantity: 1700,
      // 700 left on the partly filled child, 500 reported, 200 of unknown fate.
      workingQuantity: 1400,
      remainingQuantity: 8300,
      unallocatedQuantity: 6900,
      childCount: 6,
      workingChildCount: 3,
      overfilledQuantity: 0,
    });
  });

  it('averages the fill price exactly, rounded half up to the unit', () => {
    // (1000×10.00 + 400×10.01 + 300×10.02) / 1700 = 10.0058823… → 100_059.
    expect(progress.fillNotional).toBe(170_100_000n);
    expect(progress.avgFillPrice).toBe(100_059);
  });

  it('compares with the schedule at now: 3,500 due at 10:03:30, 1,800 behind', () => {
    expect([progress.targetQuantity, progress.aheadQuantity]).toEqual([3500, -1800]);
  });
});

describe('parentProgress: the parent state', () => {
  it.each<[string, ParentControl, readonly ChildOrder[], string, string]>([
    ['before the window', 'RUNNING', [], '09:50', 'SCHEDULED'],
    ['in the window', 'RUNNING', [child('ORDER_REPORTED', 1000)], '10:01', 'WORKING'],
    [
      'in the window between children',
      'RUNNING',
      [child('ORDER_SUCCEEDED', 1000, 1000, 1)],
      '10:01',
      'WORKING',
    ],
    ['paused', 'PAUSED', [child('ORDER_SUCCEEDED', 1000, 1000, 1)], '10:01', 'PAUSED'],
    [
      'cancel asked, a child still open',
      'CANCEL_REQUESTED',
      [child('ORDER_REPORTED_CANCEL', 1000)],
      '10:01',
      'CANCELLING',
    ],
    [
      'cancel asked, nothing open',
      'CANCEL_REQUESTED',
      [child('ORDER_CANCELED', 1000)],
      '10:01',
      'CANCELLED',
    ],
    ['all filled', 'RUNNING', [child('ORDER_SUCCEEDED', 10_000, 10_000, 1)], '10:05', 'COMPLETED'],
    [
      'all filled wins over a late cancel',
      'CANCEL_REQUESTED',
      [child('ORDER_SUCCEEDED', 10_000, 10_000, 1)],
      '10:05',
      'COMPLETED',
    ],
    [
      'window over with a shortfall',
      'RUNNING',
      [child('ORDER_SUCCEEDED', 9000, 9000, 1)],
      '10:10',
      'EXPIRED',
    ],
    [
      'window over, last child still open',
      'RUNNING',
      [child('ORDER_REPORTED', 1000)],
      '10:10',
      'WORKING',
    ],
    ['one millisecond before the end', 'RUNNING', [], '10:09:59.999', 'WORKING'],
  ])('%s → %s', (_case, control, children, now, expected) => {
    expect(parentProgress(parent(control), children, at(now)).state).toBe(expected);
  });

  it('reports fills beyond the parent as overfilled', () => {
    const progress = parentProgress(
      parent(),
      [child('ORDER_SUCCEEDED', 10_100, 10_100, 1)],
      at('10:05'),
    );
    expect(progress.overfilledQuantity).toBe(100);
  });
});

describe('targetAt', () => {
  it.each<[string, number]>([
    ['09:59:59', 0],
    ['10:00:00', 0],
    ['10:00:30', 500],
    ['10:01:00', 1000],
    ['10:09:59', 9983],
    ['10:10:00', 10_000],
    ['11:00:00', 10_000],
  ])('at %s is %d', (now, target) => {
    expect(targetAt(schedule, at(now))).toBe(target);
  });

  it('never decreases in time', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 900_000 }),
        fc.integer({ min: 0, max: 900_000 }),
        (a, b) => {
          const t0 = at('09:58');
          const early = targetAt(schedule, new Date(t0.getTime() + Math.min(a, b)));
          const late = targetAt(schedule, new Date(t0.getTime() + Math.max(a, b)));
          expect(late).toBeGreaterThanOrEqual(early);
        },
      ),
    );
  });
});
