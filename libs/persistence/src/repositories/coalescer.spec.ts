import { Coalescer } from './coalescer.js';

/** A write that records its batches and answers once released. */
function recordingWrite() {
  const batches: number[][] = [];
  const releases: (() => void)[] = [];
  const write = (items: readonly number[]) => {
    batches.push([...items]);
    return new Promise<number[]>((done, fail) => {
      releases.push(() =>
        items.includes(13) ? fail(new Error('13 is refused')) : done(items.map((n) => n * 10)),
      );
    });
  };
  const releaseAll = async () => {
    while (releases.length > 0) {
      releases.shift()?.();
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  return { batches, write, releaseAll };
}

describe('Coalescer', () => {
  it('writes the first item at once and the ones queued meanwhile together, each with its own answer', async () => {
    const { batches, write, releaseAll } = recordingWrite();
    const coalescer = new Coalescer(write);
    const answers = [1, 2, 3, 4].map((n) => coalescer.submit(n));
    expect(batches).toEqual([[1]]);
    await releaseAll();
    expect(await Promise.all(answers)).toEqual([10, 20, 30, 40]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  it('caps a batch by the items’ size', async () => {
    const { batches, write, releaseAll } = recordingWrite();
    const coalescer = new Coalescer(write, 5, (n: number) => n);
    const answers = [1, 2, 3, 1, 4, 1].map((n) => coalescer.submit(n));
    await releaseAll();
    await Promise.all(answers);
    // After [1]: 2+3 reaches 5; then 1+4 reaches 5; then 1.
    expect(batches).toEqual([[1], [2, 3], [1, 4], [1]]);
  });

  it('retries a failed batch item by item, failing only the item that fails alone', async () => {
    const { batches, write, releaseAll } = recordingWrite();
    const coalescer = new Coalescer(write);
    const settling = Promise.allSettled([1, 2, 13, 4].map((n) => coalescer.submit(n)));
    await releaseAll();
    const settled = await settling;
    expect(settled.map((s) => (s.status === 'fulfilled' ? s.value : 'refused'))).toEqual([
      10,
      20,
      'refused',
      40,
    ]);
    expect(batches).toEqual([[1], [2, 13, 4], [2], [13], [4]]);
  });

  it('goes on after a lone failure', async () => {
    const { write, releaseAll } = recordingWrite();
    const coalescer = new Coalescer(write);
    const refused = Promise.allSettled([coalescer.submit(13)]);
    await releaseAll();
    expect((await refused)[0]).toMatchObject({
      status: 'rejected',
      reason: new Error('13 is refused'),
    });
    const next = coalescer.submit(5);
    await releaseAll();
    expect(await next).toBe(50);
  });
});
