// Which xt price types each exchange accepts: cn-market-rules.md §7 and xtquant-api.md §1.3 (SH
// and BJ 42–45, SZ 44–48, CFFEX 21–24, DCE 19–20, CZCE 18; SHFE, INE, GFEX and SSE options limit
// only). A limit order needs its price; a STAR market order needs a protective price (§4).
import { XtPriceType } from '../xt/index.js';
import { PASS, fail } from './verdict.js';
import { isMarketPriceType } from './market-parameters.js';
import type { OrderRiskRule } from './order-risk-context.js';

export const priceTypeRule: OrderRiskRule = ({ order, instrument, market }) => {
  const { security } = instrument;
  const { priceType } = order;
  if (priceType === XtPriceType.FIX_PRICE && order.limitPrice === null) {
    return fail('PRICE_TYPE', 'a limit order (price type 11) needs a limit price', {
      observed: 'no price',
      limit: 'a limit price',
      priceType,
    });
  }
  if (!isMarketPriceType(priceType)) {
    return PASS;
  }
  const accepted = market.marketPriceTypes[security.market];
  if (!accepted.includes(priceType)) {
    return fail(
      'PRICE_TYPE',
      `${security.market} does not accept market price type ${priceType} for ${security.symbol}; it accepts ${accepted.length === 0 ? 'limit orders only' : accepted.join(', ')}`,
      {
        observed: priceType,
        limit: accepted.length === 0 ? 'limit only' : accepted.join(','),
        market: security.market,
      },
    );
  }
  const protective = order.protectivePrice ?? null;
  if (market.protectivePriceBoards.has(security.board) && protective === null) {
    return fail(
      'PRICE_TYPE',
      `a market order on ${security.symbol} must carry a protective limit price`,
      { observed: 'no protective price', limit: 'a protective price', board: security.board },
    );
  }
  return PASS;
};
