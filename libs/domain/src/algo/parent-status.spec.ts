import { aSchedule, at } from '@qmt/domain/testing';
import { asPrice } from '../money/index.js';
import type { OrderState } from '../order/index.js';
import { parentProgress, type ChildOrder, type ParentControl } from './parent-progress.js';
import { isParentFinished, parentXtStatus } from './parent-status.js';

const schedule = aSchedule({ quantity: 1_000 });
const child = (state: OrderState, quantity: number, filled: number): ChildOrder => ({
  state,
  quantity,
  filledQuantity: filled,
  avgFillPrice: filled > 0 ? asPrice(100_000) : null,
});

describe('the status a parent order row shows', () => {
  it.each<[string, ParentControl, readonly ChildOrder[], string, number | null, boolean]>([
    ['before the window, nothing sent', 'RUNNING', [], '09:00', null, false],
    [
      'a child out, nothing filled',
      'RUNNING',
      [child('ORDER_REPORTED', 100, 0)],
      '10:00',
      50,
      false,
    ],
    ['part filled', 'RUNNING', [child('ORDER_PART_SUCC', 100, 40)], '10:00', 55, false],
    ['paused with fills', 'PAUSED', [child('ORDER_SUCCEEDED', 100, 100)], '10:00', 55, false],
    [
      'cancel waiting, unfilled',
      'CANCEL_REQUESTED',
      [child('ORDER_REPORTED', 100, 0)],
      '10:00',
      51,
      false,
    ],
    [
      'cancel waiting, filled',
      'CANCEL_REQUESTED',
      [child('ORDER_PART_SUCC', 100, 30)],
      '10:00',
      52,
      false,
    ],
    [
      'cancelled, unfilled',
      'CANCEL_REQUESTED',
      [child('ORDER_CANCELED', 100, 0)],
      '10:00',
      54,
      true,
    ],
    [
      'cancelled, filled',
      'CANCEL_REQUESTED',
      [child('ORDER_PART_CANCEL', 100, 30)],
      '10:00',
      53,
      true,
    ],
    ['complete', 'RUNNING', [child('ORDER_SUCCEEDED', 1_000, 1_000)], '10:00', 56, true],
    ['expired short', 'RUNNING', [child('ORDER_SUCCEEDED', 300, 300)], '14:58', 53, true],
    ['expired empty', 'RUNNING', [], '14:58', 54, true],
  ])('%s', (_name, control, children, time, xt, finished) => {
    const progress = parentProgress({ quantity: 1_000, control, schedule }, children, at(time));
    expect(parentXtStatus(progress)).toBe(xt);
    expect(isParentFinished(progress)).toBe(finished);
  });
});
