/**
 * A map keyed by two or three ids, nested rather than keyed by a joined string: a check looks
 * up with the request's own id strings, whose hashes V8 keeps, and builds no key string at all.
 */
export class NestedMap<V> {
  private readonly root = new Map<string, Map<string, V | Map<string, V>>>();

  get(a: string, b: string, c?: string): V | undefined {
    const inner = this.root.get(a)?.get(b);
    return c === undefined
      ? (inner as V | undefined)
      : (inner as Map<string, V> | undefined)?.get(c);
  }

  set(a: string, b: string, c: string | undefined, value: V): void {
    let level = this.root.get(a);
    if (level === undefined) {
      level = new Map();
      this.root.set(a, level);
    }
    if (c === undefined) {
      level.set(b, value);
      return;
    }
    let leaf = level.get(b) as Map<string, V> | undefined;
    if (leaf === undefined) {
      leaf = new Map();
      level.set(b, leaf);
    }
    leaf.set(c, value);
  }

  /** Second-level keys under `a` (two-level maps). */
  keysOf(a: string): IterableIterator<string> {
    return (this.root.get(a) ?? new Map<string, never>()).keys();
  }

  /** Every entry of a two-level map. */
  *entries2(): Generator<readonly [string, string, V]> {
    for (const [a, level] of this.root) {
      for (const [b, value] of level) {
        yield [a, b, value as V];
      }
    }
  }
}
