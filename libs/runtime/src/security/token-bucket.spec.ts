import fc from 'fast-check';
import { fullBucket, takeToken, type Bucket, type BucketLimit } from './token-bucket.js';

const LIMIT: BucketLimit = { requestsPerSecond: 10, burst: 3 };

function takeAll(limit: BucketLimit, times: readonly number[]): boolean[] {
  let bucket: Bucket = fullBucket(limit, times[0] ?? 0);
  return times.map((t) => {
    const take = takeToken(bucket, limit, t);
    bucket = take.bucket;
    return take.allowed;
  });
}

describe('takeToken', () => {
  it('allows exactly the burst at once and refuses the next', () => {
    expect(takeAll(LIMIT, [0, 0, 0, 0])).toEqual([true, true, true, false]);
  });

  it('tells how long until the next token', () => {
    let bucket = fullBucket(LIMIT, 0);
    for (let i = 0; i < 3; i += 1) {
      bucket = takeToken(bucket, LIMIT, 0).bucket;
    }
    expect(takeToken(bucket, LIMIT, 0)).toMatchObject({ allowed: false, retryAfterMs: 100 });
    expect(takeToken(bucket, LIMIT, 40)).toMatchObject({ allowed: false, retryAfterMs: 60 });
  });

  it('refills at the rate: one token 100 ms after the burst is spent, not 99 ms', () => {
    expect(takeAll(LIMIT, [0, 0, 0, 99])).toEqual([true, true, true, false]);
    expect(takeAll(LIMIT, [0, 0, 0, 100])).toEqual([true, true, true, true]);
  });

  it('never refills above the burst', () => {
    expect(takeAll(LIMIT, [0, 60_000, 60_000, 60_000, 60_000])).toEqual([
      true,
      true,
      true,
      true,
      false,
    ]);
  });

  it('a clock that steps back refills nothing', () => {
    expect(takeAll(LIMIT, [1000, 1000, 1000, 0])).toEqual([true, true, true, false]);
  });

  it('never allows more than burst + rate × elapsed', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.5, max: 100, noNaN: true }),
        fc.integer({ min: 1, max: 20 }),
        fc.array(fc.integer({ min: 0, max: 500 }), { minLength: 1, maxLength: 200 }),
        (requestsPerSecond, burst, gaps) => {
          const limit = { requestsPerSecond, burst };
          const times = gaps.reduce<number[]>((acc, gap) => [...acc, (acc.at(-1) ?? 0) + gap], []);
          const allowed = takeAll(limit, times).filter(Boolean).length;
          const elapsed = (times.at(-1) ?? 0) - (times[0] ?? 0);
          expect(allowed).toBeLessThanOrEqual(
            burst + Math.floor((elapsed * requestsPerSecond) / 1000) + 1,
          );
        },
      ),
    );
  });
});
