// Books against the broker (ARCHITECTURE §5): the sum of the strategy books plus the unallocated
// remainder must equal the broker's own positions (query_stock_positions) and cash
// (query_stock_asset); every difference is a break, which the app turns into an alert and an audit
// record. Cash may differ by the fee estimate, so it has a tolerance; shares never do.
import { asMoney, type Money } from '../money/index.js';
import { ownedQuantity, type StrategyBook } from './strategy-book.js';

export type ReconciliationBreak =
  | {
      readonly kind: 'POSITION';
      readonly symbol: string;
      /** Books plus unallocated. */
      readonly booked: number;
      readonly broker: number;
      /** broker − booked. */
      readonly difference: number;
    }
  | {
      readonly kind: 'CASH';
      readonly booked: Money;
      readonly broker: Money;
      readonly difference: Money;
    };

export interface ReconciliationInput {
  readonly books: readonly StrategyBook[];
  /** Shares of the account no book owns (e.g. 510300.SH in the sim desk). */
  readonly unallocated: ReadonlyMap<string, number>;
  /** Account cash the books started from. */
  readonly startingCash: Money;
  readonly broker: {
    readonly positions: ReadonlyMap<string, number>;
    /** Total cash, frozen included. */
    readonly cash: Money;
  };
  readonly cashTolerance: Money;
}

export function reconcile(input: ReconciliationInput): readonly ReconciliationBreak[] {
  const booked = new Map<string, number>(input.unallocated);
  let spent = 0n;
  for (const book of input.books) {
    spent += book.spent;
    for (const [symbol, holding] of book.holdings) {
      booked.set(symbol, (booked.get(symbol) ?? 0) + ownedQuantity(holding));
    }
  }
  const breaks: ReconciliationBreak[] = [];
  const symbols = [...new Set([...booked.keys(), ...input.broker.positions.keys()])].sort();
  for (const symbol of symbols) {
    const ours = booked.get(symbol) ?? 0;
    const theirs = input.broker.positions.get(symbol) ?? 0;
    if (ours !== theirs) {
      breaks.push({
        kind: 'POSITION',
        symbol,
        booked: ours,
        broker: theirs,
        difference: theirs - ours,
      });
    }
  }
  const bookedCash = asMoney(input.startingCash - spent);
  const difference = asMoney(input.broker.cash - bookedCash);
  const gap: bigint = difference;
  if ((gap < 0n ? -gap : gap) > input.cashTolerance) {
    breaks.push({ kind: 'CASH', booked: bookedCash, broker: input.broker.cash, difference });
  }
  return breaks;
}
