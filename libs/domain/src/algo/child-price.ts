// Issue 6 §3: the limit price of a child from the live quote. Passive joins the near touch (bid
// for a buy), neutral rests at the mid rounded to the tick on the passive side, aggressive takes
// the far touch; the parent's limit price is never passed. A missing touch (0 or null, as xt
// sends for an empty level at the price limits) falls back to the last price, then the limit.
import { asPrice, type Price } from '../money/index.js';
import type { Side } from '../order/index.js';
import type { Urgency } from './algo-types.js';

export interface Quote {
  readonly bid: Price | null;
  readonly ask: Price | null;
  readonly last: Price | null;
}

export type ChildPriceBasis = 'NEAR_TOUCH' | 'MID' | 'FAR_TOUCH' | 'LAST' | 'LIMIT';

export type ChildPrice =
  | {
      readonly ok: true;
      readonly price: Price;
      readonly basis: ChildPriceBasis;
      /** The quote-derived price was beyond the parent's limit and was pulled back to it. */
      readonly atLimit: boolean;
    }
  | { readonly ok: false; readonly reason: 'NO_PRICE' | 'BAD_TICK' };

const present = (price: Price | null): Price | null =>
  price !== null && Number.isSafeInteger(price) && price > 0 ? price : null;

/** Rounds to the tick towards the passive side: down for a buy, up for a sell. */
export function roundToTickPassive(side: Side, price: number, tick: Price): Price {
  const steps = side === 'BUY' ? Math.floor(price / tick) : Math.ceil(price / tick);
  return asPrice(steps * tick);
}

export function priceChild(
  side: Side,
  quote: Quote,
  urgency: Urgency,
  limitPrice: Price | null,
  tick: Price,
): ChildPrice {
  if (!Number.isSafeInteger(tick) || tick <= 0) {
    return { ok: false, reason: 'BAD_TICK' };
  }
  const bid = present(quote.bid);
  const ask = present(quote.ask);
  const near = side === 'BUY' ? bid : ask;
  const far = side === 'BUY' ? ask : bid;
  const mid = bid !== null && ask !== null ? roundToTickPassive(side, (bid + ask) / 2, tick) : null;
  const last = present(quote.last);
  const lastOnTick = last === null ? null : roundToTickPassive(side, last, tick);
  const candidates: readonly (readonly [Price | null, ChildPriceBasis])[] = (() => {
    switch (urgency) {
      case 'PASSIVE':
        return [
          [near, 'NEAR_TOUCH'],
          [lastOnTick, 'LAST'],
        ];
      case 'NEUTRAL':
        return [
          [mid, 'MID'],
          [near, 'NEAR_TOUCH'],
          [lastOnTick, 'LAST'],
        ];
      case 'AGGRESSIVE':
        return [
          [far, 'FAR_TOUCH'],
          [lastOnTick, 'LAST'],
        ];
    }
  })();
  const chosen = candidates.find(([price]) => price !== null);
  const limit = present(limitPrice);
  if (chosen === undefined || chosen[0] === null) {
    return limit === null
      ? { ok: false, reason: 'NO_PRICE' }
      : { ok: true, price: limit, basis: 'LIMIT', atLimit: false };
  }
  const [price, basis] = [chosen[0], chosen[1]];
  const beyond = limit !== null && (side === 'BUY' ? price > limit : price < limit);
  return beyond
    ? { ok: true, price: limit, basis, atLimit: true }
    : { ok: true, price, basis, atLimit: false };
}
