import { moneyFromYuan } from '../money/index.js';
import {
  NO_HOLDING,
  accountCashAvailable,
  budgetLeft,
  fillBuy,
  fillSell,
  holdingOf,
  openBook,
  releaseBuy,
  reserveBuy,
  reserveSell,
  rollBookDay,
  sellableToday,
  type BookHolding,
} from './strategy-book.js';

describe('sellableToday (cn-market-rules §6)', () => {
  it.each<[string, Partial<BookHolding>, number, number]>([
    ['T+1: overnight shares only', { startOfDay: 1_000, boughtToday: 500 }, 1_000, 1_500],
    ['T+1: minus what was sold today', { startOfDay: 1_000, soldToday: 300 }, 700, 700],
    ['T+1: minus open sells', { startOfDay: 1_000, openSells: 400 }, 600, 600],
    ['T+1: bought and sold today, nothing overnight', { boughtToday: 100 }, 0, 100],
    ['an oversold book goes negative', { startOfDay: 100, openSells: 200 }, -100, -100],
  ])('%s', (_case, holding, t1, t0) => {
    const h = { ...NO_HOLDING, ...holding };
    expect(sellableToday(h, 'T1')).toBe(t1);
    expect(sellableToday(h, 'T0')).toBe(t0);
  });
});

describe('a strategy book in a shared account', () => {
  it('spends budget on fills and holds it back for open buys; sale proceeds return the same day', () => {
    let book = openBook('alpha', 'SIM-STOCK', moneyFromYuan(4_000_000));
    book = reserveBuy(book, moneyFromYuan(11_650));
    expect(budgetLeft(book)).toBe(moneyFromYuan(3_988_350));
    book = fillBuy(book, '000001.SZ', 1_000, moneyFromYuan(11_605), moneyFromYuan(11_650));
    expect(budgetLeft(book)).toBe(moneyFromYuan(3_988_395));
    expect(sellableToday(holdingOf(book, '000001.SZ'), 'T1')).toBe(0);
    book = rollBookDay(book);
    expect(sellableToday(holdingOf(book, '000001.SZ'), 'T1')).toBe(1_000);
    book = reserveSell(book, '000001.SZ', 400);
    expect(sellableToday(holdingOf(book, '000001.SZ'), 'T1')).toBe(600);
    book = fillSell(book, '000001.SZ', 400, moneyFromYuan(4_800));
    expect(holdingOf(book, '000001.SZ')).toEqual({
      startOfDay: 1_000,
      boughtToday: 0,
      soldToday: 400,
      openSells: 0,
    });
    expect(budgetLeft(book)).toBe(moneyFromYuan(3_993_195));
    expect(budgetLeft(releaseBuy(reserveBuy(book, moneyFromYuan(1)), moneyFromYuan(1)))).toBe(
      budgetLeft(book),
    );
  });

  it('has no budget left to judge when it has no budget', () => {
    expect(budgetLeft(openBook('beta', 'A', null))).toBeNull();
  });

  it('leaves the account cash minus every book’s spending and reservations', () => {
    const alpha = reserveBuy(openBook('alpha', 'A', null), moneyFromYuan(100));
    const beta = fillBuy(openBook('beta', 'A', null), 'X', 1, moneyFromYuan(50), moneyFromYuan(0));
    expect(accountCashAvailable(moneyFromYuan(1_000), [alpha, beta])).toBe(moneyFromYuan(850));
  });
});
