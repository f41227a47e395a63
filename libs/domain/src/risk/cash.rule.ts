// Buys need the account's cash after open reservations (the broker's own cash lags by up to
// seconds, xtquant-api §5.16, so the gateway's reservations decide).
import { formatMoney } from '../money/index.js';
import { reservationFor } from './reservation.js';
import { PASS, fail, type RiskRule } from './verdict.js';

export const cashRule: RiskRule = ({ order, instrument, availableCash, fees }) => {
  if (order.side !== 'BUY') {
    return PASS;
  }
  const needed = reservationFor(order, instrument, fees);
  if (needed <= availableCash) {
    return PASS;
  }
  return fail(
    'INSUFFICIENT_CASH',
    `the order needs ${formatMoney(needed)} CNY with fees but the account has ${formatMoney(availableCash)} CNY available`,
    { needed: formatMoney(needed), available: formatMoney(availableCash) },
  );
};
