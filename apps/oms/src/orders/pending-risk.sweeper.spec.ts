import { nextWindowStart } from './pending-risk.sweeper.js';

const at = (iso: string) => new Date(iso);
const cutoff = at('2026-12-01T02:00:00.000Z');
const found = (n: number) =>
  Array.from({ length: n }, () => ({ createdAt: at('2026-12-01T01:00:00Z') }));

describe('the pending-risk sweep window', () => {
  it('starts the next sweep a minute behind this one’s cutoff when every order got its verdict', () => {
    expect(nextWindowStart(found(3), 100, cutoff, undefined, undefined)).toEqual(
      at('2026-12-01T01:59:00.000Z'),
    );
  });

  it('reads again from the oldest order risk did not answer for', () => {
    const left = at('2026-12-01T01:30:00.000Z');
    expect(nextWindowStart(found(3), 100, cutoff, left, undefined)).toEqual(left);
  });

  it('keeps an overlap when the order left pending is recent', () => {
    const left = at('2026-12-01T01:59:50.000Z');
    expect(nextWindowStart(found(1), 100, cutoff, left, undefined)).toEqual(
      at('2026-12-01T01:59:00.000Z'),
    );
  });

  it('stays where it was after a full batch, which may have more orders behind it', () => {
    const since = at('2026-11-30T02:00:00.000Z');
    expect(nextWindowStart(found(100), 100, cutoff, undefined, since)).toBe(since);
    expect(nextWindowStart(found(100), 100, cutoff, undefined, undefined)).toBeUndefined();
  });
});
