import fc from 'fast-check';
import { asMoney, asPrice, moneyFromYuan, type Money } from '../money/index.js';
import {
  FLAT,
  applyFill,
  pnlOf,
  startOfDay,
  sumPnl,
  type Fill,
  type PositionLedger,
} from './pnl.js';

const p = (yuan: number) => asPrice(Math.round(yuan * 10_000));
const fills = (ledger: PositionLedger, list: readonly Fill[], multiplier = 1) =>
  list.reduce((l, f) => applyFill(l, f, multiplier), ledger);

describe('applyFill and pnlOf: average cost, integer money', () => {
  it.each<[string, readonly Fill[], number, string, string]>([
    ['a buy marked up', [{ side: 'BUY', quantity: 100, price: p(10) }], 11, '0', '100'],
    [
      'a round trip realises the difference',
      [
        { side: 'BUY', quantity: 100, price: p(10) },
        { side: 'SELL', quantity: 100, price: p(10.5) },
      ],
      99,
      '50',
      '0',
    ],
    [
      'a partial sell realises against the average cost',
      [
        { side: 'BUY', quantity: 100, price: p(10) },
        { side: 'BUY', quantity: 100, price: p(12) },
        { side: 'SELL', quantity: 50, price: p(13) },
      ],
      11,
      '100',
      '0',
    ],
    [
      'a short covered lower gains',
      [
        { side: 'SELL', quantity: 10, price: p(20) },
        { side: 'BUY', quantity: 10, price: p(18) },
      ],
      1,
      '20',
      '0',
    ],
    [
      'a sell through zero closes then opens short',
      [
        { side: 'BUY', quantity: 100, price: p(10) },
        { side: 'SELL', quantity: 150, price: p(11) },
      ],
      12,
      '100',
      '-50',
    ],
  ])('%s', (_case, list, mark, realised, unrealised) => {
    const pnl = pnlOf(fills(FLAT, list), p(mark));
    expect(pnl.realised).toBe(moneyFromYuan(realised));
    expect(pnl.unrealised).toBe(moneyFromYuan(unrealised));
  });

  it('uses the contract multiplier and subtracts fees in the total', () => {
    const ledger = fills(
      FLAT,
      [{ side: 'BUY', quantity: 1, price: p(3900), fee: moneyFromYuan(23) }],
      300,
    );
    expect(pnlOf(ledger, p(3901), 300)).toEqual({
      realised: asMoney(0n),
      unrealised: moneyFromYuan(300),
      fees: moneyFromYuan(23),
      total: moneyFromYuan(277),
    });
  });

  it('starts the day from the previous close: the day’s P&L only', () => {
    const overnight = fills(FLAT, [{ side: 'BUY', quantity: 100, price: p(10) }]);
    const today = startOfDay(overnight, p(12));
    expect(pnlOf(today, p(11.5)).total).toBe(moneyFromYuan(-50));
    expect(sumPnl([pnlOf(today, p(11.5)), pnlOf(today, p(13))]).total).toBe(moneyFromYuan(50));
  });

  it('always equals the cash flows plus the marked position (property)', () => {
    const fill = fc.record({
      side: fc.constantFrom<'BUY' | 'SELL'>('BUY', 'SELL'),
      quantity: fc.integer({ min: 1, max: 5_000 }),
      price: fc.integer({ min: 1, max: 2_000_000 }).map(asPrice),
      fee: fc.bigInt({ min: 0n, max: 100_000n }).map(asMoney),
    });
    fc.assert(
      fc.property(
        fc.array(fill, { maxLength: 40 }),
        fc.integer({ min: 1, max: 2_000_000 }),
        (list, mark) => {
          const ledger = fills(FLAT, list);
          let cash = 0n;
          let fees = 0n;
          let quantity = 0;
          for (const f of list) {
            const value = BigInt(f.quantity) * BigInt(f.price);
            cash += f.side === 'SELL' ? value : -value;
            fees += f.fee;
            quantity += f.side === 'BUY' ? f.quantity : -f.quantity;
          }
          const pnl = pnlOf(ledger, asPrice(mark));
          const expected: Money = asMoney(cash + BigInt(quantity) * BigInt(mark) - fees);
          expect(ledger.quantity).toBe(quantity);
          expect(pnl.total).toBe(expected);
          // A flat position carries no cost: rounding never strands a remainder.
          expect(quantity === 0 ? ledger.cost : 0n).toBe(0n);
        },
      ),
    );
  });
});
