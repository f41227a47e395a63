// Price cage (有效申报价格范围) for continuous-session limit orders: cn-market-rules.md §4. A buy
// at most 102% of the reference (the last trade, else the previous close), a sell at least 98%;
// where a tick floor applies (main boards, BSE) the wider of the two bounds. Auctions are exempt.
import { formatPrice, type Price } from '../money/index.js';
import { stockSessionPhase } from '../time/index.js';
import { PASS, fail } from './verdict.js';
import { referencePrice } from './order-price.js';
import type { OrderRiskRule } from './order-risk-context.js';

const BPS = 10_000;

export const priceCageRule: OrderRiskRule = (ctx) => {
  const { order, instrument, market } = ctx;
  const cage = market.priceCage[instrument.security.board];
  const price = order.limitPrice;
  if (cage === undefined || price === null || order.afterHours === true) {
    return PASS;
  }
  const reference = referencePrice(ctx.lastPrice, instrument);
  if (reference === null || stockSessionPhase(ctx.now, ctx.isTradingDay) !== 'CONTINUOUS') {
    return PASS;
  }
  const tick = instrument.tickSize;
  const floorTicks = cage.minTicks * tick;
  const buy = order.side === 'BUY';
  const inside = buy
    ? price * BPS <= reference * (BPS + cage.bps) || price <= reference + floorTicks
    : price * BPS >= reference * (BPS - cage.bps) || price >= reference - floorTicks;
  if (inside) {
    return PASS;
  }
  // The last price on the tick the cage still accepts, for the message.
  const bound = (
    buy
      ? Math.max(
          Math.floor((reference * (BPS + cage.bps)) / (BPS * tick)) * tick,
          reference + floorTicks,
        )
      : Math.min(
          Math.ceil((reference * (BPS - cage.bps)) / (BPS * tick)) * tick,
          reference - floorTicks,
        )
  ) as Price;
  return fail(
    'PRICE_CAGE',
    `${buy ? 'buy' : 'sell'} price ${formatPrice(price)} is ${buy ? 'above' : 'below'} the continuous-trading price cage ${formatPrice(bound)} (reference ${formatPrice(reference)}) for ${instrument.security.symbol}`,
    {
      observed: formatPrice(price),
      limit: formatPrice(bound),
      reference: formatPrice(reference),
      cageBps: cage.bps,
      minTicks: cage.minTicks,
    },
  );
};
