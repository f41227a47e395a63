// Margin quotas (cn-market-rules.md §9, xtquant §2.7): a short sale within the symbol's short
// quota (query_credit_slo_code), a financed buy within the financing left; either needs a margin
// account. Ineligible symbols have a quota of 0.
import { formatMoney } from '../money/index.js';
import { PASS, fail } from './verdict.js';
import { isFinancedBuy, isShortSale } from './order-effect.js';
import { reservationFor } from './reservation.js';
import type { OrderRiskRule } from './order-risk-context.js';

export const marginQuotaRule: OrderRiskRule = ({ order, instrument, credit, fees }) => {
  const short = isShortSale(order.orderType);
  const financed = isFinancedBuy(order.orderType);
  if (!short && !financed) {
    return PASS;
  }
  if (credit === null) {
    return fail('MARGIN_QUOTA', 'margin orders need a margin (credit) account', {
      observed: order.orderType,
      limit: 'a credit account',
    });
  }
  if (short) {
    return order.quantity <= credit.shortQuota
      ? PASS
      : fail(
          'MARGIN_QUOTA',
          `short sale of ${order.quantity} ${order.symbol} is above the short quota of ${credit.shortQuota}`,
          { observed: order.quantity, limit: credit.shortQuota },
        );
  }
  const needed = reservationFor(order, instrument, fees);
  return needed <= credit.financeQuota
    ? PASS
    : fail(
        'MARGIN_QUOTA',
        `the financed buy needs ${formatMoney(needed)} CNY but ${formatMoney(credit.financeQuota)} CNY of financing is left`,
        { observed: formatMoney(needed), limit: formatMoney(credit.financeQuota) },
      );
};
