import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';

/** One record of the broker's state; the latest record of a key wins on replay. */
export interface JournalRecord {
  readonly key: string;
  readonly value: unknown;
}

// Money is bigint in the books; JSON has no bigint, so it travels tagged.
const replacer = (_key: string, value: unknown): unknown =>
  typeof value === 'bigint' ? { $big: value.toString() } : value;
const reviver = (_key: string, value: unknown): unknown =>
  typeof value === 'object' && value !== null && '$big' in value && Object.keys(value).length === 1
    ? BigInt((value as { $big: string }).$big)
    : value;

/**
 * The sim broker's durable state under one directory: a snapshot plus an append-only journal
 * of changed records, written synchronously before the callbacks that announce them leave the
 * broker, so a killed process loses nothing the gateway may have heard of. Writes reach the OS
 * page cache (no fsync): the broker survives the process, not the machine.
 */
export class SimJournal {
  private fd: number | null = null;
  private readonly snapshotPath: string;
  private readonly journalPath: string;

  constructor(readonly dir: string) {
    this.snapshotPath = join(dir, 'broker.snapshot.json');
    this.journalPath = join(dir, 'broker.journal.jsonl');
  }

  /** Everything stored, by key; a torn last line (a kill mid-write) is ignored. */
  load(): Map<string, unknown> {
    const state = new Map<string, unknown>();
    if (existsSync(this.snapshotPath)) {
      const snapshot = JSON.parse(readFileSync(this.snapshotPath, 'utf8'), reviver) as Record<
        string,
        unknown
      >;
      for (const [key, value] of Object.entries(snapshot)) {
        state.set(key, value);
      }
    }
    if (existsSync(this.journalPath)) {
      for (const line of readFileSync(this.journalPath, 'utf8').split('\n')) {
        if (line === '') {
          continue;
        }
        try {
          const record = JSON.parse(line, reviver) as JournalRecord;
          state.set(record.key, record.value);
        } catch {
          // Only the last line can be torn; it was never acknowledged to anyone.
        }
      }
    }
    return state;
  }

  /** Rewrites the snapshot from the full state and starts an empty journal. */
  compact(state: ReadonlyMap<string, unknown>): void {
    mkdirSync(this.dir, { recursive: true });
    this.close();
    const temp = `${this.snapshotPath}.tmp`;
    writeFileSync(temp, JSON.stringify(Object.fromEntries(state), replacer));
    renameSync(temp, this.snapshotPath);
    writeFileSync(this.journalPath, '');
    this.fd = openSync(this.journalPath, 'a');
  }

  append(records: readonly JournalRecord[]): void {
    if (records.length === 0) {
      return;
    }
    if (this.fd === null) {
      mkdirSync(this.dir, { recursive: true });
      this.fd = openSync(this.journalPath, 'a');
    }
    let text = '';
    for (const record of records) {
      text += JSON.stringify(record, replacer) + '\n';
    }
    writeSync(this.fd, text);
  }

  close(): void {
    if (this.fd !== null) {
      closeSync(this.fd);
      this.fd = null;
    }
  }
}
