// Realised and unrealised P&L of one position from its fills and a mark (issue 5 §5), in integer
// 0.0001 CNY: average cost, a close realises against the cost it removes, a fill through zero
// closes and then opens at the fill price. Fees are kept apart and subtracted in the total.
import { asMoney, type Money, type Price } from '../money/index.js';

export interface PositionLedger {
  /** Long positive, short negative; shares, bonds or contracts. */
  readonly quantity: number;
  /** Cost of the open quantity: paid for a long (positive), received for a short (negative). */
  readonly cost: Money;
  readonly realised: Money;
  readonly fees: Money;
}

export interface Fill {
  readonly side: 'BUY' | 'SELL';
  readonly quantity: number;
  readonly price: Price;
  readonly fee?: Money;
}

export const FLAT: PositionLedger = {
  quantity: 0,
  cost: asMoney(0n),
  realised: asMoney(0n),
  fees: asMoney(0n),
};

function value(quantity: number, price: Price, multiplier: number): bigint {
  return BigInt(quantity) * BigInt(price) * BigInt(multiplier);
}

export function applyFill(ledger: PositionLedger, fill: Fill, multiplier = 1): PositionLedger {
  const delta = fill.side === 'BUY' ? fill.quantity : -fill.quantity;
  const fees = asMoney(ledger.fees + (fill.fee ?? 0n));
  const held = ledger.quantity;
  if (held === 0 || Math.sign(held) === Math.sign(delta)) {
    return {
      quantity: held + delta,
      cost: asMoney(
        ledger.cost + BigInt(Math.sign(delta)) * value(fill.quantity, fill.price, multiplier),
      ),
      realised: ledger.realised,
      fees,
    };
  }
  const closed = Math.min(Math.abs(delta), Math.abs(held));
  // The whole cost goes with the last unit, so rounding never leaves cost on a flat position.
  const removed =
    closed === Math.abs(held)
      ? ledger.cost
      : (ledger.cost * BigInt(closed)) / BigInt(Math.abs(held));
  const realised = asMoney(
    ledger.realised + BigInt(Math.sign(held)) * value(closed, fill.price, multiplier) - removed,
  );
  const opened = Math.abs(delta) - closed;
  return {
    quantity: held + delta,
    cost: asMoney(
      ledger.cost - removed + BigInt(Math.sign(delta)) * value(opened, fill.price, multiplier),
    ),
    realised,
    fees,
  };
}

/** Mark-to-market gain of the open quantity at `mark`. */
export function unrealisedPnl(ledger: PositionLedger, mark: Price, multiplier = 1): Money {
  return asMoney(value(ledger.quantity, mark, multiplier) - ledger.cost);
}

export interface Pnl {
  readonly realised: Money;
  readonly unrealised: Money;
  readonly fees: Money;
  /** realised + unrealised − fees. */
  readonly total: Money;
}

export function pnlOf(ledger: PositionLedger, mark: Price, multiplier = 1): Pnl {
  const unrealised = unrealisedPnl(ledger, mark, multiplier);
  return {
    realised: ledger.realised,
    unrealised,
    fees: ledger.fees,
    total: asMoney(ledger.realised + unrealised - ledger.fees),
  };
}

/** Sum of P&Ls: a strategy over its symbols, an account over its books. */
export function sumPnl(parts: Iterable<Pnl>): Pnl {
  let realised = 0n;
  let unrealised = 0n;
  let fees = 0n;
  for (const part of parts) {
    realised += part.realised;
    unrealised += part.unrealised;
    fees += part.fees;
  }
  return {
    realised: asMoney(realised),
    unrealised: asMoney(unrealised),
    fees: asMoney(fees),
    total: asMoney(realised + unrealised - fees),
  };
}

/**
 * The ledger a trading day starts from: the overnight quantity carried at the previous close,
 * nothing realised, no fees; its P&L at a mark is then the day's P&L (the DAILY_LOSS figure).
 */
export function startOfDay(
  ledger: PositionLedger,
  preClose: Price,
  multiplier = 1,
): PositionLedger {
  return {
    quantity: ledger.quantity,
    cost: asMoney(value(ledger.quantity, preClose, multiplier)),
    realised: asMoney(0n),
    fees: asMoney(0n),
  };
}
