// A strategy's book inside a shared account (ARCHITECTURE §5): its cash budget, what it spent and
// holds back for open buys, and the positions it owns, with what it may sell today under T+1
// (cn-market-rules §6). Pure: every operation returns a new book.
import { asMoney, type Money } from '../money/index.js';
import type { Settlement } from '../instrument/index.js';

export interface BookHolding {
  /** Owned at the start of the trading day: all of it sellable today. */
  readonly startOfDay: number;
  readonly boughtToday: number;
  readonly soldToday: number;
  /** Held back by the book's open sell orders. */
  readonly openSells: number;
}

export interface StrategyBook {
  readonly strategyId: string;
  readonly accountId: string;
  /** Cash budget in this account; null when the strategy has none. */
  readonly budget: Money | null;
  /** Net cash paid by fills today and before: buys plus fees minus sale proceeds. */
  readonly spent: Money;
  /** Held back for the book's open buys. */
  readonly reserved: Money;
  readonly holdings: ReadonlyMap<string, BookHolding>;
}

export const NO_HOLDING: BookHolding = {
  startOfDay: 0,
  boughtToday: 0,
  soldToday: 0,
  openSells: 0,
};

export function openBook(
  strategyId: string,
  accountId: string,
  budget: Money | null,
): StrategyBook {
  return {
    strategyId,
    accountId,
    budget,
    spent: asMoney(0n),
    reserved: asMoney(0n),
    holdings: new Map(),
  };
}

export function holdingOf(book: StrategyBook, symbol: string): BookHolding {
  return book.holdings.get(symbol) ?? NO_HOLDING;
}

export function ownedQuantity(holding: BookHolding): number {
  return holding.startOfDay + holding.boughtToday - holding.soldToday;
}

/** What the book may still sell today: T+1 excludes today's buys; open sells are held back. */
export function sellableToday(holding: BookHolding, settlement: Settlement): number {
  const owned = ownedQuantity(holding);
  const settled =
    settlement === 'T0' ? owned : Math.min(owned, holding.startOfDay - holding.soldToday);
  return settled - holding.openSells;
}

/** Budget minus spent minus reserved; null when the book has no budget. */
export function budgetLeft(book: StrategyBook): Money | null {
  return book.budget === null ? null : asMoney(book.budget - book.spent - book.reserved);
}

function withHolding(
  book: StrategyBook,
  symbol: string,
  change: Partial<BookHolding>,
): StrategyBook {
  const holdings = new Map(book.holdings);
  holdings.set(symbol, { ...holdingOf(book, symbol), ...change });
  return { ...book, holdings };
}

export function reserveBuy(book: StrategyBook, amount: Money): StrategyBook {
  return { ...book, reserved: asMoney(book.reserved + amount) };
}

export function releaseBuy(book: StrategyBook, amount: Money): StrategyBook {
  return { ...book, reserved: asMoney(book.reserved - amount) };
}

export function reserveSell(book: StrategyBook, symbol: string, quantity: number): StrategyBook {
  return withHolding(book, symbol, { openSells: holdingOf(book, symbol).openSells + quantity });
}

export function releaseSell(book: StrategyBook, symbol: string, quantity: number): StrategyBook {
  return withHolding(book, symbol, { openSells: holdingOf(book, symbol).openSells - quantity });
}

/** A buy fill: `paid` (with fees) moves from reserved (`released` of it) to spent. */
export function fillBuy(
  book: StrategyBook,
  symbol: string,
  quantity: number,
  paid: Money,
  released: Money,
): StrategyBook {
  const next = withHolding(book, symbol, {
    boughtToday: holdingOf(book, symbol).boughtToday + quantity,
  });
  return {
    ...next,
    spent: asMoney(book.spent + paid),
    reserved: asMoney(book.reserved - released),
  };
}

/** A sell fill: the shares leave the book and its open sells, the net proceeds return to it. */
export function fillSell(
  book: StrategyBook,
  symbol: string,
  quantity: number,
  proceeds: Money,
): StrategyBook {
  const holding = holdingOf(book, symbol);
  const next = withHolding(book, symbol, {
    soldToday: holding.soldToday + quantity,
    openSells: holding.openSells - quantity,
  });
  return { ...next, spent: asMoney(book.spent - proceeds) };
}

/** The next trading day: everything owned becomes start-of-day and sellable. */
export function rollBookDay(book: StrategyBook): StrategyBook {
  const holdings = new Map<string, BookHolding>();
  for (const [symbol, holding] of book.holdings) {
    holdings.set(symbol, {
      ...NO_HOLDING,
      startOfDay: ownedQuantity(holding),
      openSells: holding.openSells,
    });
  }
  return { ...book, holdings };
}

/** Account cash after every book's fills and reservations, from the cash it started with. */
export function accountCashAvailable(startingCash: Money, books: Iterable<StrategyBook>): Money {
  let left = startingCash as bigint;
  for (const book of books) {
    left -= book.spent + book.reserved;
  }
  return asMoney(left);
}
