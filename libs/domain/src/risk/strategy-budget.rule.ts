// A strategy spends only its own budget inside a shared account (ARCHITECTURE §5), reserved the
// same way as account cash (cn-market-rules.md §6: sale proceeds return to the budget the same day).
import { formatMoney } from '../money/index.js';
import { reservationFor } from './reservation.js';
import { PASS, fail } from './verdict.js';
import type { RiskRule } from './risk-context.js';

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
    `the buy needs ${formatMoney(needed)} CNY including estimated fees but the strategy has ${formatMoney(strategyBudgetLeft)} CNY of budget left in this account`,
    {
      observed: formatMoney(needed),
      limit: formatMoney(strategyBudgetLeft),
      needed: formatMoney(needed),
      budgetLeft: formatMoney(strategyBudgetLeft),
    },
  );
};
