// Lot grammar: cn-market-rules.md §3. Buys in 100-share lots (main board, ChiNext, funds), ≥ 200
// then any share (STAR), ≥ 100 then any share (BSE), 10 bonds (CBs), 1 contract (derivatives).
import type { Security } from './security-code.js';

export type LotCheck =
  { readonly ok: true } | { readonly ok: false; readonly message: string; readonly lot: string };

type LotGrammar =
  | { readonly kind: 'MULTIPLE'; readonly lot: number }
  | { readonly kind: 'MINIMUM'; readonly minimum: number }
  | { readonly kind: 'ANY' }
  | { readonly kind: 'NOT_TRADABLE' };

function grammarOf(security: Security): LotGrammar {
  switch (security.board) {
    case 'MAIN':
    case 'CHINEXT':
    case 'FUND':
      return { kind: 'MULTIPLE', lot: 100 };
    case 'BOND':
      return { kind: 'MULTIPLE', lot: 10 };
    case 'STAR':
      return { kind: 'MINIMUM', minimum: 200 };
    case 'BSE':
      return { kind: 'MINIMUM', minimum: 100 };
    case 'FUTURE':
    case 'OPTION':
      return { kind: 'ANY' };
    case 'INDEX':
      return { kind: 'NOT_TRADABLE' };
  }
}

/** "SZ main board", "STAR Market", "SH ETF": the words a lot message names the board with. */
export function boardWords(security: Security): string {
  switch (security.board) {
    case 'MAIN':
      return `${security.market} main board`;
    case 'STAR':
      return 'STAR Market';
    case 'CHINEXT':
      return 'ChiNext';
    case 'BSE':
      return 'Beijing Stock Exchange';
    case 'FUND':
      return `${security.market} ${security.instrumentType}`;
    case 'BOND':
      return `${security.market} convertible bond`;
    case 'INDEX':
      return 'index';
    case 'FUTURE':
      return 'futures';
    case 'OPTION':
      return 'options';
  }
}

/** What a quantity counts: shares (stocks and fund units), bonds (张) or contracts. */
export function unitWords(security: Security): 'shares' | 'bonds' | 'contracts' {
  switch (security.board) {
    case 'BOND':
      return 'bonds';
    case 'FUTURE':
    case 'OPTION':
      return 'contracts';
    case 'MAIN':
    case 'STAR':
    case 'CHINEXT':
    case 'BSE':
    case 'FUND':
    case 'INDEX':
      return 'shares';
  }
}

const wholeCount = (n: number): number => (Number.isSafeInteger(n) && n > 0 ? n : 0);

/**
 * §3 lot grammar for one order. Sells follow the buy grammar, except that a sell whose odd part
 * is the holding's whole odd remainder passes (1,050 held: 50, 150 or 1,050 may be sold, 30 not),
 * and on STAR/BSE a holding below the minimum may be sold whole. `heldQuantity` is the holding
 * the odd remainder is measured against; a non-integer or non-positive quantity always fails.
 */
export function checkLot(
  security: Security,
  side: 'BUY' | 'SELL',
  quantity: number,
  heldQuantity: number,
): LotCheck {
  const grammar = grammarOf(security);
  const units = unitWords(security);
  const orders = side === 'BUY' ? 'buys' : 'sells';
  const held = wholeCount(heldQuantity);
  switch (grammar.kind) {
    case 'NOT_TRADABLE':
      return {
        ok: false,
        lot: 'none',
        message: `${security.symbol} is an index and cannot be traded`,
      };
    case 'ANY':
    case 'MULTIPLE':
    case 'MINIMUM':
      break;
  }
  if (wholeCount(quantity) === 0) {
    return {
      ok: false,
      lot: lotWords(grammar),
      message: `quantity ${quantity} is not a positive whole number of ${units}`,
    };
  }
  switch (grammar.kind) {
    case 'ANY':
      return { ok: true };
    case 'MULTIPLE': {
      const { lot } = grammar;
      if (quantity % lot === 0 || (side === 'SELL' && quantity % lot === held % lot)) {
        return { ok: true };
      }
      const base = `quantity ${quantity} is not a multiple of the ${lot}-${singular(units)} lot for ${boardWords(security)} ${orders}`;
      return {
        ok: false,
        lot: String(lot),
        message:
          side === 'BUY'
            ? base
            : `${base}, and an odd lot may only sell the whole odd remainder (${held % lot} of the ${held} ${units} held)`,
      };
    }
    case 'MINIMUM': {
      const { minimum } = grammar;
      if (quantity >= minimum || (side === 'SELL' && quantity === held)) {
        return { ok: true };
      }
      const base = `quantity ${quantity} is below the ${minimum}-${singular(units)} minimum for ${boardWords(security)} ${orders}`;
      return {
        ok: false,
        lot: lotWords(grammar),
        message: side === 'BUY' ? base : `${base} and is not the whole holding of ${held} ${units}`,
      };
    }
  }
}

function singular(units: 'shares' | 'bonds' | 'contracts'): string {
  return units.slice(0, -1);
}

function lotWords(grammar: LotGrammar): string {
  switch (grammar.kind) {
    case 'MULTIPLE':
      return String(grammar.lot);
    case 'MINIMUM':
      return `${grammar.minimum} then 1`;
    case 'ANY':
      return '1';
    case 'NOT_TRADABLE':
      return 'none';
  }
}

/** The buy lot, or the minimum on STAR (200) and BSE (100), for display: §3; 0 for indexes. */
export function lotSizeOf(security: Security): number {
  const grammar = grammarOf(security);
  switch (grammar.kind) {
    case 'MULTIPLE':
      return grammar.lot;
    case 'MINIMUM':
      return grammar.minimum;
    case 'ANY':
      return 1;
    case 'NOT_TRADABLE':
      return 0;
  }
}

/**
 * The largest quantity at most `quantity` that `checkLot` accepts for this side and holding, or 0
 * when there is none (for slicing parent orders into children the exchange will take).
 */
export function roundDownToLot(
  security: Security,
  side: 'BUY' | 'SELL',
  quantity: number,
  heldQuantity: number,
): number {
  const wanted = Number.isFinite(quantity) && quantity > 0 ? Math.floor(quantity) : 0;
  const held = wholeCount(heldQuantity);
  const grammar = grammarOf(security);
  switch (grammar.kind) {
    case 'NOT_TRADABLE':
      return 0;
    case 'ANY':
      return wanted;
    case 'MULTIPLE': {
      const { lot } = grammar;
      const whole = Math.floor(wanted / lot) * lot;
      const odd = held % lot;
      if (side === 'BUY' || odd === 0 || wanted < odd) {
        return whole;
      }
      return Math.max(whole, odd + Math.floor((wanted - odd) / lot) * lot);
    }
    case 'MINIMUM':
      if (wanted >= grammar.minimum) {
        return wanted;
      }
      return side === 'SELL' && held > 0 && held <= wanted ? held : 0;
  }
}
