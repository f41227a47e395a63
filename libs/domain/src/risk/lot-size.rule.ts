// Lot grammar by board: cn-market-rules.md §3 (100-share lots, STAR 200 then 1, BSE 100 then 1,
// convertible bonds 10, futures 1; an odd lot only sells the holding's whole odd remainder).
import { boardWords, checkLot } from '../instrument/index.js';
import { PASS, fail } from './verdict.js';
import type { RiskRule } from './risk-context.js';

export const lotSizeRule: RiskRule = ({ order, instrument, heldQuantity }) => {
  const lot = checkLot(instrument.security, order.side, order.quantity, heldQuantity);
  if (lot.ok) {
    return PASS;
  }
  return fail('LOT_SIZE', lot.message, {
    observed: order.quantity,
    limit: lot.lot,
    quantity: order.quantity,
    lot: lot.lot,
    held: heldQuantity,
    board: boardWords(instrument.security),
  });
};
