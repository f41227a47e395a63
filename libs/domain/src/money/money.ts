import { Decimal } from 'decimal.js';

/**
 * Prices are integers in units of 0.0001 CNY (covers the 0.01 stock and 0.001 fund/bond ticks).
 * Quantities are integers in shares (bonds: 张, futures: lots). Money is a bigint in the same
 * 0.0001 CNY unit, so price × quantity is exact even for 0.001-tick instruments (fen would not be).
 */
export type Price = number & { readonly __brand: 'Price' };
export type Quantity = number & { readonly __brand: 'Quantity' };
export type Money = bigint & { readonly __brand: 'Money' };

/** Price units per yuan. */
export const PRICE_SCALE = 10_000;

export function asPrice(units: number): Price {
  if (!Number.isSafeInteger(units)) {
    throw new RangeError(`price units must be a safe integer, not ${units}`);
  }
  return units as Price;
}

export function asQuantity(shares: number): Quantity {
  if (!Number.isSafeInteger(shares)) {
    throw new RangeError(`quantity must be a safe integer, not ${shares}`);
  }
  return shares as Quantity;
}

export function asMoney(units: bigint): Money {
  return units as Money;
}

/**
 * Parses a yuan amount ("10.35", 10.35) into price units. Returns null when the value is not a
 * finite number or has more than four decimals (finer than any A-share, fund or bond tick).
 */
export function parsePrice(yuan: string | number): Price | null {
  let d: Decimal;
  try {
    d = new Decimal(yuan);
  } catch {
    return null;
  }
  if (!d.isFinite()) {
    return null;
  }
  const units = d.mul(PRICE_SCALE);
  if (!units.isInteger() || !Number.isSafeInteger(units.toNumber())) {
    return null;
  }
  return units.toNumber() as Price;
}

/** Rounds a float yuan amount from a broker callback to the nearest price unit. */
export function priceFromBroker(yuan: number): Price {
  return new Decimal(yuan)
    .mul(PRICE_SCALE)
    .toDecimalPlaces(0, Decimal.ROUND_HALF_UP)
    .toNumber() as Price;
}

// Integer units → yuan without trailing zeros, as decimal.js prints them; every risk rejection
// formats a few amounts, so this stays off the decimal library.
function formatUnits(units: bigint): string {
  const negative = units < 0n;
  const magnitude = negative ? -units : units;
  const whole = (magnitude / 10_000n).toString();
  const fraction = (magnitude % 10_000n).toString().padStart(4, '0').replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction === '' ? '' : `.${fraction}`}`;
}

/** Price units → yuan, as a decimal string without trailing zeros ("10.35"). */
export function formatPrice(price: Price): string {
  return formatUnits(BigInt(price));
}

/** Price units → yuan as a JS number (for JSON answers; exact for 4 decimals in range). */
export function priceToYuan(price: Price): number {
  return new Decimal(price).div(PRICE_SCALE).toNumber();
}

/** price × quantity as money in 0.0001 CNY units; exact. */
export function notional(price: Price, quantity: Quantity | number): Money {
  return (BigInt(price) * BigInt(quantity)) as Money;
}

/** Yuan amount (config, broker asset floats) → money units, rounded half-up. */
export function moneyFromYuan(yuan: string | number): Money {
  return BigInt(
    new Decimal(yuan).mul(PRICE_SCALE).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toFixed(0),
  ) as Money;
}

/** Money units → yuan decimal string ("10000000", "12.3456"). */
export function formatMoney(money: Money): string {
  return formatUnits(money);
}
