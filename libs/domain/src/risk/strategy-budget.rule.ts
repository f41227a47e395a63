// A strategy spends only its own budget inside a shared account (ARCHITECTURE §5).
import { formatMoney } from '../money/index.js';
import { reservationFor } from './reservation.js';
import { PASS, fail, type RiskRule } from './verdict.js';

export const strategyBudgetRule: RiskRule = ({ order, instrument, strategyBudgetLeft, fees }) => {
  if (order.side !== 'BUY' || strategyBudgetLeft === null) {
    return PASS;
  }
  const needed = reservationFor(order, instrument, fees);
  if (needed <= strategyBudgetLeft) {
    return PASS;
  }
  return fail(
    'STRATEGY_BUDGET',
    `the order needs ${formatMoney(needed)} CNY but the strategy has ${formatMoney(strategyBudgetLeft)} CNY of budget left in this account`,
    { needed: formatMoney(needed), budgetLeft: formatMoney(strategyBudgetLeft) },
  );
};
