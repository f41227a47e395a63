import fc from 'fast-check';
import { Decimal } from 'decimal.js';
import {
  asMoney,
  asPrice,
  formatMoney,
  formatPrice,
  moneyFromYuan,
  notional,
  parsePrice,
} from './money.js';

describe('money', () => {
  it.each([
    ['10.35', 103500],
    [10.35, 103500],
    ['0.001', 10],
    ['1999.99', 19999900],
  ])('parses %p yuan into %p price units', (input, units) => {
    expect(parsePrice(input)).toBe(units);
  });

  it.each([['abc'], ['1.00001'], ['Infinity'], [Number.NaN]])('refuses %p', (input) => {
    expect(parsePrice(input)).toBeNull();
  });

  it('formats price and money without drift', () => {
    expect(formatPrice(asPrice(103500))).toBe('10.35');
    expect(formatMoney(notional(asPrice(12340), 3))).toBe('3.702');
    expect(formatMoney(moneyFromYuan('10000000'))).toBe('10000000');
  });

  it('round-trips any 4-decimal price', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000_000 }), (units) => {
        expect(parsePrice(formatPrice(asPrice(units)))).toBe(units);
      }),
    );
  });
});

describe('formatPrice and formatMoney print as decimal.js does', () => {
  const decimal = (units: bigint) => new Decimal(units.toString()).div(10_000).toString();
  it('for any amount of money (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), (units) => {
        expect(formatMoney(asMoney(units))).toBe(decimal(units));
      }),
    );
  });

  it('for any price (property)', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), (units) => {
        expect(formatPrice(asPrice(units))).toBe(decimal(BigInt(units)));
      }),
    );
  });
});
