import { asMoney, moneyFromYuan } from '../money/index.js';
import { reconcile, type ReconciliationInput } from './reconciliation.js';
import { fillBuy, openBook, rollBookDay } from './strategy-book.js';

const alpha = rollBookDay(
  fillBuy(
    openBook('alpha', 'SIM-STOCK', null),
    '600000.SH',
    100_000,
    moneyFromYuan(820_000),
    asMoney(0n),
  ),
);
const beta = rollBookDay(
  fillBuy(
    openBook('beta', 'SIM-STOCK', null),
    '000001.SZ',
    50_000,
    moneyFromYuan(575_000),
    asMoney(0n),
  ),
);

function input(
  over: Partial<ReconciliationInput['broker']> = {},
  tolerance = '0',
): ReconciliationInput {
  return {
    books: [alpha, beta],
    unallocated: new Map([['510300.SH', 200_000]]),
    startingCash: moneyFromYuan(10_000_000),
    broker: {
      positions: new Map([
        ['600000.SH', 100_000],
        ['000001.SZ', 50_000],
        ['510300.SH', 200_000],
      ]),
      cash: moneyFromYuan(8_605_000),
      ...over,
    },
    cashTolerance: moneyFromYuan(tolerance),
  };
}

describe('reconcile: books plus unallocated against the broker', () => {
  it('finds no break when everything agrees', () => {
    expect(reconcile(input())).toEqual([]);
  });

  it('reports a share difference per symbol, including symbols only one side knows', () => {
    const positions = new Map([
      ['600000.SH', 99_900],
      ['000001.SZ', 50_000],
      ['300750.SZ', 100],
    ]);
    expect(reconcile(input({ positions }))).toEqual([
      { kind: 'POSITION', symbol: '300750.SZ', booked: 0, broker: 100, difference: 100 },
      { kind: 'POSITION', symbol: '510300.SH', booked: 200_000, broker: 0, difference: -200_000 },
      { kind: 'POSITION', symbol: '600000.SH', booked: 100_000, broker: 99_900, difference: -100 },
    ]);
  });

  it('lets cash differ by the tolerance, not a unit more', () => {
    expect(reconcile(input({ cash: moneyFromYuan(8_604_995) }, '5'))).toEqual([]);
    expect(reconcile(input({ cash: moneyFromYuan('8604994.9999') }, '5'))).toEqual([
      {
        kind: 'CASH',
        booked: moneyFromYuan(8_605_000),
        broker: moneyFromYuan('8604994.9999'),
        difference: moneyFromYuan('-5.0001'),
      },
    ]);
  });
});
