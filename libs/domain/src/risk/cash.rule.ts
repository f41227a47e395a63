// Buys need the account's cash after open reservations: cn-market-rules.md §6 (sale proceeds are
// usable the same day); the broker's cash lags by seconds (xtquant §5.16), so reservations decide.
import { formatMoney } from '../money/index.js';
import { reservationFor } from './reservation.js';
import { PASS, fail } from './verdict.js';
import type { RiskRule } from './risk-context.js';

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
    `the buy needs ${formatMoney(needed)} CNY including estimated fees but the account has ${formatMoney(availableCash)} CNY available`,
    {
      observed: formatMoney(needed),
      limit: formatMoney(availableCash),
      needed: formatMoney(needed),
      available: formatMoney(availableCash),
    },
  );
};
