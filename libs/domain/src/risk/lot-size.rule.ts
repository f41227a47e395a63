// Lot grammar by board: cn-market-rules §3 (100 lots, STAR 200-then-1, BSE 100-then-1, CB 10,
// odd-lot sells only of the whole remainder).
import { checkLot } from '../instrument/index.js';
import { PASS, fail, type RiskRule } from './verdict.js';

export const lotSizeRule: RiskRule = ({ order, instrument, heldQuantity }) => {
  const lot = checkLot(instrument.security, order.side, order.quantity, heldQuantity);
  return lot.ok
    ? PASS
    : fail('LOT_SIZE', lot.message, { quantity: order.quantity, lot: lot.lot, held: heldQuantity });
};
