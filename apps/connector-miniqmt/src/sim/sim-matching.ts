import type { Price } from '@qmt/domain';
import type { ExecutionStyle } from './sim-market-rules.js';
import type { SimQuote } from './sim-quote-book.js';

export interface SimFill {
  readonly price: Price;
  readonly volume: number;
}

export interface MatchResult {
  readonly fills: readonly SimFill[];
  /** The limit the rest works at; null when the rest is cancelled (or nothing is left). */
  readonly restLimit: Price | null;
}

/** The limit an order gets on arrival from its execution style; null = no limit at all. */
export function arrivalLimit(
  style: ExecutionStyle,
  side: 'BUY' | 'SELL',
  orderLimit: Price | null,
  quote: SimQuote,
): { readonly ok: true; readonly limit: Price | null } | { readonly ok: false } {
  const own = side === 'BUY' ? quote.bids : quote.asks;
  const opposite = side === 'BUY' ? quote.asks : quote.bids;
  switch (style.limit) {
    case 'ORDER':
      return orderLimit === null ? { ok: false } : { ok: true, limit: orderLimit };
    case 'LAST':
      return { ok: true, limit: quote.last };
    case 'NONE':
      return { ok: true, limit: null };
    case 'BEST_OPPOSITE':
      return opposite[0] === undefined ? { ok: false } : { ok: true, limit: opposite[0].price };
    case 'BEST_OWN':
      return own[0] === undefined ? { ok: false } : { ok: true, limit: own[0].price };
  }
}

const crosses = (side: 'BUY' | 'SELL', level: Price, limit: Price | null): boolean =>
  limit === null || (side === 'BUY' ? level <= limit : level >= limit);

/**
 * What an order takes from the opposite side of a quote now: level by level up to its style's
 * depth and its limit, never more than the quoted volume. A resting order (maker) trades at its
 * own limit; an arriving one at each level's price.
 */
export function matchAgainstQuote(input: {
  readonly side: 'BUY' | 'SELL';
  readonly remaining: number;
  readonly limit: Price | null;
  readonly style: ExecutionStyle;
  readonly quote: SimQuote;
  readonly maker: boolean;
}): MatchResult {
  const { side, limit, style, quote } = input;
  const opposite = (side === 'BUY' ? quote.asks : quote.bids).slice(
    0,
    Number.isFinite(style.levels) ? style.levels : undefined,
  );
  const eligible = opposite.filter(
    (level) => level.volume > 0 && crosses(side, level.price, limit),
  );
  const available = eligible.reduce((sum, level) => sum + level.volume, 0);
  if (style.allOrNone && available < input.remaining) {
    return { fills: [], restLimit: null };
  }
  const fills: SimFill[] = [];
  let remaining = input.remaining;
  for (const level of eligible) {
    if (remaining <= 0) {
      break;
    }
    const volume = Math.min(level.volume, remaining);
    fills.push({ price: input.maker && limit !== null ? limit : level.price, volume });
    remaining -= volume;
  }
  if (remaining <= 0) {
    return { fills, restLimit: null };
  }
  switch (style.remainder) {
    case 'REST':
      return { fills, restLimit: limit };
    case 'CANCEL':
      return { fills, restLimit: null };
    case 'REST_AT_LAST_FILL':
      return { fills, restLimit: fills.at(-1)?.price ?? null };
  }
}
