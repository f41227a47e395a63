interface Waiting<I, O> {
  readonly item: I;
  readonly done: (result: O) => void;
  readonly fail: (error: unknown) => void;
}

/**
 * One round trip for many callers (the front door's writes, under load): the first call is
 * written at once, and the calls made while a write is in flight wait and go together in the
 * next one, up to `max` units (`size` of each item). Nobody waits for a timer. When a shared write
 * fails, each of its items is written alone, so one caller's bad input never fails another's.
 */
export class Coalescer<I, O> {
  private readonly waiting: Waiting<I, O>[] = [];
  private writing = false;

  constructor(
    /** Writes the items in one statement; answers one result per item, in order. */
    private readonly write: (items: readonly I[]) => Promise<readonly O[]>,
    private readonly max = 500,
    private readonly size: (item: I) => number = () => 1,
  ) {}

  submit(item: I): Promise<O> {
    return new Promise<O>((done, fail) => {
      this.waiting.push({ item, done, fail });
      if (!this.writing) {
        void this.writeWaiting();
      }
    });
  }

  private async writeWaiting(): Promise<void> {
    this.writing = true;
    try {
      while (this.waiting.length > 0) {
        const batch = this.take();
        try {
          const results = await this.write(batch.map((w) => w.item));
          batch.forEach((w, i) => w.done(results[i] as O));
        } catch (error) {
          if (batch.length === 1) {
            batch[0]?.fail(error);
            continue;
          }
          for (const w of batch) {
            await this.write([w.item]).then((results) => w.done(results[0] as O), w.fail);
          }
        }
      }
    } finally {
      this.writing = false;
    }
  }

  private take(): Waiting<I, O>[] {
    let units = 0;
    let count = 0;
    while (count < this.waiting.length && (count === 0 || units < this.max)) {
      units += this.size((this.waiting[count] as Waiting<I, O>).item);
      count += 1;
    }
    return this.waiting.splice(0, count);
  }
}
