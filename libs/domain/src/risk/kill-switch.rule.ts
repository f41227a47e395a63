// The kill switch (ARCHITECTURE §4): HALTED refuses every new order, REDUCE_ONLY lets through
// only orders that reduce the book's position (a sell of what the book can sell, a futures
// close, a short cover). Cancels never meet this rule: they are always allowed.
import { PASS, fail } from './verdict.js';
import { KillSwitchMode, strictestMode } from './kill-switch.js';
import { PositionEffect, positionEffect } from './order-effect.js';
import type { OrderRiskRule } from './order-risk-context.js';

export const killSwitchRule: OrderRiskRule = ({ order, killSwitch, sellableQuantity }) => {
  const { mode, scope } = strictestMode(killSwitch);
  if (mode === KillSwitchMode.ACTIVE) {
    return PASS;
  }
  const reduces =
    positionEffect(order.orderType) === PositionEffect.REDUCE &&
    (order.side === 'BUY' || order.quantity <= Math.max(sellableQuantity, 0));
  if (mode === KillSwitchMode.REDUCE_ONLY && reduces) {
    return PASS;
  }
  return fail(
    'KILL_SWITCH',
    mode === KillSwitchMode.HALTED
      ? `the ${scope} kill switch is HALTED: no new orders`
      : `the ${scope} kill switch is REDUCE_ONLY: only orders that reduce the book's position pass`,
    {
      observed: mode,
      limit: mode === KillSwitchMode.HALTED ? 'ACTIVE' : 'a reducing order',
      scope,
    },
  );
};
