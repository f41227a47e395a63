// Orders only while the instrument's market takes them: cn-market-rules.md §5 and §7. Stocks,
// funds, bonds and options: limit orders in the opening auction, continuous trading and the
// closing auction; market orders in continuous trading only; STAR/ChiNext after-hours orders
// only 15:05–15:30. Futures: the day windows and the product's night session.
import type { Security } from '../instrument/index.js';
import { futuresSessionPhase, stockSessionPhase, type SessionPhase } from '../time/index.js';
import { PASS, fail } from './verdict.js';
import { isMarketPriceType } from './market-parameters.js';
import type { OrderRiskRule } from './order-risk-context.js';

const LIMIT_PHASES: ReadonlySet<SessionPhase> = new Set([
  'OPENING_AUCTION',
  'OPENING_AUCTION_NO_CANCEL',
  'CONTINUOUS',
  'CLOSING_AUCTION',
]);
const MARKET_PHASES: ReadonlySet<SessionPhase> = new Set(['CONTINUOUS']);

function hasAfterHours(security: Security): boolean {
  return (
    security.instrumentType === 'STOCK' &&
    (security.board === 'STAR' || security.board === 'CHINEXT')
  );
}

export const tradingSessionRule: OrderRiskRule = ({
  order,
  instrument,
  now,
  isTradingDay,
  market,
}) => {
  const { security } = instrument;
  if (security.board === 'FUTURE') {
    const product = security.product ?? '';
    const phase = futuresSessionPhase(
      now,
      security.market,
      product,
      market.nightSessionEnds[product] ?? null,
      isTradingDay,
    );
    if (phase !== 'CLOSED' && order.afterHours !== true) {
      return PASS;
    }
    return fail('SESSION_CLOSED', `${security.symbol} is not in a trading session now`, {
      observed: phase,
      limit: 'DAY or NIGHT',
    });
  }
  const phase = stockSessionPhase(now, isTradingDay);
  if (order.afterHours === true) {
    if (hasAfterHours(security) && phase === 'AFTER_HOURS_FIXED_PRICE') {
      return PASS;
    }
    return fail(
      'SESSION_CLOSED',
      hasAfterHours(security)
        ? `after-hours fixed-price orders are taken 15:05–15:30 only; the session is ${phase}`
        : `${security.symbol} has no after-hours fixed-price trading (STAR and ChiNext stocks only)`,
      { observed: phase, limit: 'AFTER_HOURS_FIXED_PRICE' },
    );
  }
  const isMarket = isMarketPriceType(order.priceType);
  const open = isMarket ? MARKET_PHASES : LIMIT_PHASES;
  if (open.has(phase)) {
    return PASS;
  }
  return fail(
    'SESSION_CLOSED',
    `${isMarket ? 'market' : 'limit'} orders on ${security.symbol} are not taken in the ${phase} phase`,
    { observed: phase, limit: [...open].join(','), priceKind: isMarket ? 'market' : 'limit' },
  );
};
