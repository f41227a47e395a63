import type { RiskOrder } from './risk-context.js';

/** Identical orders further apart than this are never duplicates (the widest window allowed). */
export const DUPLICATE_HORIZON_MS = 60_000;

type ByQuantity = Map<number, number>;
type ByPrice = Map<number, ByQuantity>;
type Generation = Map<string, ByPrice>;

const MARKET = -1;
const quantityKey = (order: RiskOrder): number =>
  order.quantity * 2 + (order.side === 'BUY' ? 0 : 1);

/**
 * When one book (a strategy in an account) last sent each order, by the identity two orders
 * share when one duplicates the other: symbol, side, quantity and price (duplicateOrderRule reads
 * the answer as lastIdenticalOrderAt). Nested maps keyed by the order's own symbol string and numbers, not
 * a joined key: a fresh key string costs a flatten and a hash on every look-up, more than the
 * rest of the check's flow counting. Two generations, swapped every horizon, so memory stays
 * bounded by the book's orders of the last two minutes.
 */
export class DuplicateIndex {
  private recent: Generation = new Map();
  private older: Generation = new Map();
  private generationStart = Number.NEGATIVE_INFINITY;

  /** Epoch ms of the identical order within the horizon, null when none. */
  lastAt(order: RiskOrder, nowMs: number): number | null {
    const at = find(this.recent, order) ?? find(this.older, order);
    return at === undefined || nowMs - at > DUPLICATE_HORIZON_MS ? null : at;
  }

  record(order: RiskOrder, nowMs: number): void {
    if (nowMs - this.generationStart >= DUPLICATE_HORIZON_MS) {
      this.older = this.recent;
      this.recent = new Map();
      this.generationStart = nowMs;
    }
    let byPrice = this.recent.get(order.symbol);
    if (byPrice === undefined) {
      byPrice = new Map();
      this.recent.set(order.symbol, byPrice);
    }
    const price = order.limitPrice ?? MARKET;
    let byQuantity = byPrice.get(price);
    if (byQuantity === undefined) {
      byQuantity = new Map();
      byPrice.set(price, byQuantity);
    }
    byQuantity.set(quantityKey(order), nowMs);
  }
}

function find(generation: Generation, order: RiskOrder): number | undefined {
  return generation
    .get(order.symbol)
    ?.get(order.limitPrice ?? MARKET)
    ?.get(quantityKey(order));
}
