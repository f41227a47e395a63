import { readFileSync } from 'node:fs';
import { parsePrice, type Price } from '@qmt/domain';
import type { SimClock } from '../sim-clock.js';
import type { SimTickInput } from '../sim-quote-book.js';
import type { QuoteSource } from './quote-source.js';

/** One replayed row: when (epoch ms of the recording) and what. */
export interface ReplayRow {
  readonly time: number;
  readonly symbol: string;
  readonly tick: SimTickInput;
}

const REQUIRED = ['time', 'symbol', 'last'] as const;

/**
 * Parses a tick CSV: a header naming columns `time` (ISO-8601 or epoch ms), `symbol`, `last`
 * and optionally `bid1..bid5`, `ask1..ask5`, `bidVol1..5`, `askVol1..5`, `volume` (cumulative),
 * `amount`. Prices in yuan. A bad row names its line number.
 */
export function parseTickCsv(text: string): ReplayRow[] {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '' && !line.startsWith('#'));
  const header = (lines.shift() ?? '').split(',').map((h) => h.trim());
  for (const column of REQUIRED) {
    if (!header.includes(column)) {
      throw new Error(`tick CSV: the header has no ${column} column`);
    }
  }
  return lines.map((line, index) => {
    const cells = line.split(',').map((c) => c.trim());
    const cell = (name: string): string | undefined => {
      const at = header.indexOf(name);
      return at < 0 || cells[at] === '' ? undefined : cells[at];
    };
    const price = (name: string): Price | undefined => {
      const raw = cell(name);
      if (raw === undefined) {
        return undefined;
      }
      const parsed = parsePrice(raw);
      if (parsed === null) {
        throw new Error(`tick CSV line ${index + 2}: ${name} ${raw} is not a price`);
      }
      return parsed;
    };
    const rawTime = cell('time') ?? '';
    const time = /^\d+$/.test(rawTime) ? Number(rawTime) : Date.parse(rawTime);
    const last = price('last');
    if (!Number.isFinite(time) || last === undefined) {
      throw new Error(`tick CSV line ${index + 2}: time and last are required`);
    }
    const side = (prefix: 'bid' | 'ask') =>
      [1, 2, 3, 4, 5].flatMap((i) => {
        const p = price(`${prefix}${i}`);
        const v = Number(cell(`${prefix}Vol${i}`) ?? 0);
        return p === undefined ? [] : [{ price: p, volume: v }];
      });
    const bids = side('bid');
    const asks = side('ask');
    const volume = cell('volume');
    const amount = cell('amount');
    return {
      time,
      symbol: cell('symbol') ?? '',
      tick: {
        last,
        ...(bids.length > 0 ? { bids } : {}),
        ...(asks.length > 0 ? { asks } : {}),
        ...(volume === undefined ? {} : { volume: Number(volume) }),
        ...(amount === undefined ? {} : { amount: Number(amount) }),
      },
    };
  });
}

/** Replays a recorded tick file at the pace of the sim clock (faster with its speed). */
export class CsvReplay implements QuoteSource {
  private timer: NodeJS.Timeout | undefined;
  private readonly rows: readonly ReplayRow[];

  constructor(
    file: string,
    private readonly clock: SimClock,
    private readonly loop = false,
  ) {
    this.rows = [...parseTickCsv(readFileSync(file, 'utf8'))].sort((a, b) => a.time - b.time);
  }

  start(apply: (symbol: string, tick: SimTickInput) => void): void {
    this.stop();
    const first = this.rows[0];
    if (first === undefined) {
      return;
    }
    const startedAt = this.clock.now().getTime();
    let next = 0;
    const run = (): void => {
      const elapsed = this.clock.now().getTime() - startedAt;
      while (next < this.rows.length) {
        const row = this.rows[next];
        if (row === undefined || row.time - first.time > elapsed) {
          break;
        }
        apply(row.symbol, { ...row.tick, time: this.clock.now().getTime() });
        next += 1;
      }
      if (next >= this.rows.length) {
        if (!this.loop) {
          return;
        }
        next = 0;
        this.start(apply);
        return;
      }
      const row = this.rows[next];
      const wait = row === undefined ? 0 : row.time - first.time - elapsed;
      this.timer = setTimeout(run, Math.max(0, this.clock.realMs(wait)));
      this.timer.unref();
    };
    run();
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
