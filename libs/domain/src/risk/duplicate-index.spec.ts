import { asPrice } from '../money/index.js';
import type { RiskOrder } from './risk-context.js';
import { DUPLICATE_HORIZON_MS, DuplicateIndex } from './duplicate-index.js';

const order: RiskOrder = {
  symbol: '000001.SZ',
  side: 'BUY',
  quantity: 100,
  limitPrice: asPrice(115_000),
};
const t0 = Date.UTC(2026, 10, 24, 2, 0, 0);

describe('DuplicateIndex: when a book last sent the identical order', () => {
  it('finds the same symbol, side, quantity and price, and nothing that differs in one of them', () => {
    const index = new DuplicateIndex();
    index.record(order, t0);
    expect(index.lastAt({ ...order }, t0 + 5)).toBe(t0);
    for (const other of [
      { ...order, symbol: '600000.SH' },
      { ...order, side: 'SELL' as const },
      { ...order, quantity: 200 },
      { ...order, limitPrice: asPrice(115_100) },
      { ...order, limitPrice: null },
    ]) {
      expect(index.lastAt(other, t0 + 5)).toBeNull();
    }
  });

  it('keeps market orders apart from priced ones and answers the latest of twins', () => {
    const index = new DuplicateIndex();
    const market = { ...order, limitPrice: null };
    index.record(market, t0);
    index.record(market, t0 + 40);
    expect(index.lastAt(market, t0 + 50)).toBe(t0 + 40);
    expect(index.lastAt(order, t0 + 50)).toBeNull();
  });

  it('forgets an order past the horizon, across the generation swap', () => {
    const index = new DuplicateIndex();
    index.record(order, t0);
    // A later order swaps the generations: the first is still found within the horizon.
    index.record({ ...order, quantity: 300 }, t0 + DUPLICATE_HORIZON_MS);
    expect(index.lastAt(order, t0 + DUPLICATE_HORIZON_MS)).toBe(t0);
    expect(index.lastAt(order, t0 + DUPLICATE_HORIZON_MS + 1)).toBeNull();
    // A second swap drops the first generation altogether.
    index.record({ ...order, quantity: 400 }, t0 + 2 * DUPLICATE_HORIZON_MS);
    expect(index.lastAt({ ...order, quantity: 300 }, t0 + 2 * DUPLICATE_HORIZON_MS)).toBe(
      t0 + DUPLICATE_HORIZON_MS,
    );
    expect(index.lastAt(order, t0)).toBeNull();
  });
});
