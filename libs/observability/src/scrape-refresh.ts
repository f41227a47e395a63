/** Work that brings pull gauges up to date; it may read Redis, Postgres or memory. */
export type Refresher = () => void | Promise<void>;

/** A refresher that takes longer than this is abandoned for this scrape (its gauges go stale). */
const REFRESH_TIMEOUT_MS = 2_000;
/** The gauges of one scrape share one run (prom-client collects each metric on its own). */
const REUSE_MS = 1_000;

/**
 * Gauges whose value lives elsewhere (stream backlogs, queue depths, exposure books, the audit
 * chain) are filled at scrape time, never on the order path. A failing or slow source leaves its
 * gauges as they were and is counted, so /metrics always answers.
 */
export class ScrapeRefresh {
  private readonly refreshers = new Map<string, Refresher>();
  private last: { readonly at: number; readonly run: Promise<void> } | null = null;

  constructor(private readonly onFailure: (source: string) => void = () => undefined) {}

  /** Registers (or replaces) the refresher of a source, e.g. 'bus' or 'exposure'. */
  add(source: string, refresher: Refresher): void {
    this.refreshers.set(source, refresher);
  }

  run(): Promise<void> {
    const now = Date.now();
    if (this.last !== null && now - this.last.at < REUSE_MS) {
      return this.last.run;
    }
    const run = Promise.all(
      [...this.refreshers].map(async ([source, refresher]) => {
        try {
          await withTimeout(Promise.resolve(refresher()), REFRESH_TIMEOUT_MS);
        } catch {
          this.onFailure(source);
        }
      }),
    ).then(() => undefined);
    this.last = { at: now, run };
    return run;
  }
}

function withTimeout(work: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`refresh took over ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
