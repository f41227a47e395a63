import type { Money, Price, XtAsset, XtPosition } from '@qmt/domain';
import type { SimInstrument } from './sim-quote-book.js';

/** A counter refusal: it becomes status 57 `[COUNTER][code][text]` plus on_order_error. */
export interface Refusal {
  readonly code: number;
  readonly text: string;
}

/** What an account book needs to know of an order (the broker keeps the rest). */
export interface BookOrder {
  readonly orderId: number;
  readonly symbol: string;
  readonly orderType: number;
  readonly volume: number;
  traded: number;
  /** Cash, quota or margin the book froze per unit of volume at admission. */
  reservePerUnit: Money;
  /** Legs of a derivatives order (close today / close history / open), in fill order. */
  legs: OrderLeg[];
}

export interface OrderLeg {
  readonly kind: 'OPEN' | 'CLOSE_TODAY' | 'CLOSE_HISTORY';
  /** 48 long, 49 short: the position the leg opens or closes. */
  readonly direction: number;
  readonly volume: number;
  done: number;
}

/** One trade of a fill as the book splits it (a fill spanning a close and an open is two). */
export interface BookFill {
  readonly volume: number;
  readonly direction: number;
  readonly offsetFlag: number;
}

export type MarkOf = (symbol: string) => Price | undefined;

/**
 * One broker account of the sim: what it freezes on admission, what a fill and a released
 * remainder do, and its xttype views. Books hold plain data (no Maps) so the journal can keep
 * them as they are.
 */
export interface AccountBook {
  readonly accountId: string;
  readonly accountType: number;
  /** Admits and reserves, or refuses; `reference` prices a market order's reservation. */
  admit(order: BookOrder, reference: Price, instrument: SimInstrument): Refusal | null;
  /** Which way the order trades at the exchange. */
  sideOf(orderType: number): 'BUY' | 'SELL';
  fill(order: BookOrder, volume: number, price: Price, instrument: SimInstrument): BookFill[];
  /** The unfilled rest of an order is gone (cancelled, IOC rest, rejected after admission). */
  release(order: BookOrder, volume: number, instrument: SimInstrument): void;
  /** Orders that complete without an exchange trade (direct repayments): done at admission. */
  completesAtCounter(order: BookOrder): boolean;
  asset(mark: MarkOf, instrumentOf: (symbol: string) => SimInstrument | undefined): XtAsset;
  positions(
    mark: MarkOf,
    instrumentOf: (symbol: string) => SimInstrument | undefined,
  ): XtPosition[];
  /** A new trading day: today's holdings become yesterday's (T+1 sellable), day orders gone. */
  rollDay(): void;
  /** Cash in (positive) or out (negative), for bank transfers. */
  transfer(amount: Money): Refusal | null;
  state(): unknown;
}
