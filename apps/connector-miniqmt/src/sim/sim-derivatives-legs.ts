import { XtDirection, XtOrderType } from '@qmt/domain';
import type { OrderLeg } from './sim-book.js';

const LONG = XtDirection.DIRECTION_FLAG_LONG;
const SHORT = XtDirection.DIRECTION_FLAG_SHORT;

/** Closable volume of one position, today's and yesterday's apart. */
export interface Closable {
  readonly today: number;
  readonly history: number;
}

type Plan =
  { readonly side: 'BUY' | 'SELL'; readonly legs: OrderLeg[] } | { readonly refused: string };

const leg = (kind: OrderLeg['kind'], direction: number, volume: number): OrderLeg => ({
  kind,
  direction,
  volume,
  done: 0,
});

/** Closes `volume` from a position in the given order of today/history; null when short of it. */
function closeFirst(
  direction: number,
  volume: number,
  closable: Closable,
  todayFirst: boolean,
): { legs: OrderLeg[]; rest: number } {
  const order: ('CLOSE_TODAY' | 'CLOSE_HISTORY')[] = todayFirst
    ? ['CLOSE_TODAY', 'CLOSE_HISTORY']
    : ['CLOSE_HISTORY', 'CLOSE_TODAY'];
  const legs: OrderLeg[] = [];
  let rest = volume;
  for (const kind of order) {
    const available = kind === 'CLOSE_TODAY' ? closable.today : closable.history;
    const take = Math.min(available, rest);
    if (take > 0) {
      legs.push(leg(kind, direction, take));
      rest -= take;
    }
  }
  return { legs, rest };
}

/**
 * The legs of a futures order type (xtquant-api §1.2: 六键 0–5, 四键 6–9, 两键 10–13, 14/15)
 * given what the account can close of its long and short positions.
 */
export function futuresPlan(
  orderType: number,
  volume: number,
  long: Closable,
  short: Closable,
): Plan {
  const exact = (
    kind: OrderLeg['kind'],
    direction: number,
    side: 'BUY' | 'SELL',
    closable?: number,
  ): Plan =>
    closable !== undefined && closable < volume
      ? { refused: '可平仓数量不足' }
      : { side, legs: [leg(kind, direction, volume)] };
  const closeAll = (
    direction: number,
    side: 'BUY' | 'SELL',
    closable: Closable,
    todayFirst: boolean,
  ): Plan => {
    const { legs, rest } = closeFirst(direction, volume, closable, todayFirst);
    return rest > 0 ? { refused: '可平仓数量不足' } : { side, legs };
  };
  const closeThenOpen = (
    closeDirection: number,
    side: 'BUY' | 'SELL',
    closable: Closable,
    todayFirst: boolean,
  ): Plan => {
    const { legs, rest } = closeFirst(closeDirection, volume, closable, todayFirst);
    const openDirection = closeDirection === LONG ? SHORT : LONG;
    return { side, legs: rest > 0 ? [...legs, leg('OPEN', openDirection, rest)] : legs };
  };
  switch (orderType) {
    case XtOrderType.FUTURE_OPEN_LONG:
    case XtOrderType.FUTURE_OPEN:
      return exact('OPEN', LONG, 'BUY');
    case XtOrderType.FUTURE_OPEN_SHORT:
    case XtOrderType.FUTURE_CLOSE:
      return exact('OPEN', SHORT, 'SELL');
    case XtOrderType.FUTURE_CLOSE_LONG_HISTORY:
      return exact('CLOSE_HISTORY', LONG, 'SELL', long.history);
    case XtOrderType.FUTURE_CLOSE_LONG_TODAY:
      return exact('CLOSE_TODAY', LONG, 'SELL', long.today);
    case XtOrderType.FUTURE_CLOSE_SHORT_HISTORY:
      return exact('CLOSE_HISTORY', SHORT, 'BUY', short.history);
    case XtOrderType.FUTURE_CLOSE_SHORT_TODAY:
      return exact('CLOSE_TODAY', SHORT, 'BUY', short.today);
    case XtOrderType.FUTURE_CLOSE_LONG_TODAY_FIRST:
      return closeAll(LONG, 'SELL', long, true);
    case XtOrderType.FUTURE_CLOSE_LONG_HISTORY_FIRST:
      return closeAll(LONG, 'SELL', long, false);
    case XtOrderType.FUTURE_CLOSE_SHORT_TODAY_FIRST:
      return closeAll(SHORT, 'BUY', short, true);
    case XtOrderType.FUTURE_CLOSE_SHORT_HISTORY_FIRST:
      return closeAll(SHORT, 'BUY', short, false);
    case XtOrderType.FUTURE_CLOSE_LONG_TODAY_HISTORY_THEN_OPEN_SHORT:
      return closeThenOpen(LONG, 'SELL', long, true);
    case XtOrderType.FUTURE_CLOSE_LONG_HISTORY_TODAY_THEN_OPEN_SHORT:
      return closeThenOpen(LONG, 'SELL', long, false);
    case XtOrderType.FUTURE_CLOSE_SHORT_TODAY_HISTORY_THEN_OPEN_LONG:
      return closeThenOpen(SHORT, 'BUY', short, true);
    case XtOrderType.FUTURE_CLOSE_SHORT_HISTORY_TODAY_THEN_OPEN_LONG:
      return closeThenOpen(SHORT, 'BUY', short, false);
    default:
      return { refused: '该账户类型不支持此委托类型' };
  }
}

/**
 * Stock-option order types (48–51): buy/sell to open and close. Covered writing, exercise and
 * lock/unlock need the underlying in a linked stock account, which the sim does not model.
 */
export function optionPlan(
  orderType: number,
  volume: number,
  long: Closable,
  short: Closable,
): Plan {
  const closable = (c: Closable): number => c.today + c.history;
  switch (orderType) {
    case XtOrderType.STOCK_OPTION_BUY_OPEN:
      return { side: 'BUY', legs: [leg('OPEN', LONG, volume)] };
    case XtOrderType.STOCK_OPTION_SELL_OPEN:
      return { side: 'SELL', legs: [leg('OPEN', SHORT, volume)] };
    case XtOrderType.STOCK_OPTION_SELL_CLOSE: {
      if (closable(long) < volume) {
        return { refused: '可平仓数量不足' };
      }
      return { side: 'SELL', legs: closeFirst(LONG, volume, long, false).legs };
    }
    case XtOrderType.STOCK_OPTION_BUY_CLOSE: {
      if (closable(short) < volume) {
        return { refused: '可平仓数量不足' };
      }
      return { side: 'BUY', legs: closeFirst(SHORT, volume, short, false).legs };
    }
    case XtOrderType.STOCK_OPTION_COVERED_OPEN:
    case XtOrderType.STOCK_OPTION_COVERED_CLOSE:
    case XtOrderType.STOCK_OPTION_CALL_EXERCISE:
    case XtOrderType.STOCK_OPTION_PUT_EXERCISE:
    case XtOrderType.STOCK_OPTION_SECU_LOCK:
    case XtOrderType.STOCK_OPTION_SECU_UNLOCK:
      return { refused: '模拟柜台未开通此业务(需关联现货账户)' };
    default:
      return { refused: '该账户类型不支持此委托类型' };
  }
}

export { LONG, SHORT };
