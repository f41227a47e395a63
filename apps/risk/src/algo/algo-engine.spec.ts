import type { OrderRecord } from '@qmt/persistence';
import { bucketOfChild, isCancellable, isOpen } from './algo-children.js';
import { tradingCalendar } from '@qmt/domain';
import { previousTradingDayOffsetMs } from './algo-engine.service.js';

const DAY = 86_400_000;

describe('the algo runtime helpers', () => {
  // National Day 2026: 1–7 October closed (the calendar a desk lists in calendar.holidays).
  const isTradingDay = tradingCalendar([1, 2, 3, 4, 5, 6, 7].map((d) => `2026-10-0${d}`));
  it.each([
    ['a Tuesday looks back to Monday', '2026-11-24T09:30:00+08:00', DAY],
    ['a Monday looks back to Friday', '2026-11-23T09:30:00+08:00', 3 * DAY],
    [
      'a Monday just after Shanghai midnight is still a Monday',
      '2026-11-23T00:10:00+08:00',
      3 * DAY,
    ],
    ['a Sunday looks back to Friday', '2026-11-22T10:00:00+08:00', 2 * DAY],
    [
      'the day after a holiday week looks back to the day before it',
      '2026-10-08T09:30:00+08:00',
      8 * DAY,
    ],
  ])('%s', (_name, instant, offset) => {
    expect(previousTradingDayOffsetMs(new Date(instant), isTradingDay)).toBe(offset);
  });

  it('looks back one day when the calendar shows no trading day within 30 days', () => {
    expect(previousTradingDayOffsetMs(new Date('2026-11-24T09:30:00+08:00'), () => false)).toBe(
      DAY,
    );
  });

  it.each<[string, number | null]>([
    ['algo-QPARENT-0', 0],
    ['algo-QPARENT-236', 236],
    ['algo-QOTHER-3', null],
    ['alpha-20261124-0001', null],
    ['algo-QPARENT-x', null],
  ])('reads the bucket of child %s', (clientOrderId, bucket) => {
    expect(bucketOfChild('QPARENT', { clientOrderId } as OrderRecord)).toBe(bucket);
  });

  it.each([
    ['PENDING_RISK', true, false],
    ['ROUTED', true, true],
    ['ORDER_REPORTED', true, true],
    ['ORDER_UNKNOWN', true, true],
    ['ORDER_SUCCEEDED', false, false],
    ['ORDER_PART_CANCEL', false, false],
    ['REJECTED', false, false],
  ] as const)('a child in %s is open %s, cancellable %s', (state, open, cancellable) => {
    expect(isOpen(state)).toBe(open);
    expect(isCancellable(state)).toBe(cancellable);
  });
});
