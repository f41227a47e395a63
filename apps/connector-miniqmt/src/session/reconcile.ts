import type { XtCallback } from '@qmt/domain';
import type { MiniQmtSession, XtAccountRef } from './mini-qmt-session.port.js';

/**
 * What the broker says of one account after a (re)connect, as the callbacks that would have
 * told it: every trade and every order's current status (so what the gateway missed is
 * emitted, and what it already had dedupes by event id), then positions and the asset as a
 * snapshot. Trades come before statuses, as the OMS counts a trade before its status.
 */
export async function reconcileAccount(
  session: MiniQmtSession,
  account: XtAccountRef,
): Promise<XtCallback[]> {
  const trades = await session.queryStockTrades(account);
  const orders = await session.queryStockOrders(account);
  const positions = await session.queryStockPositions(account);
  const asset = await session.queryStockAsset(account);
  return [
    ...trades.map((data): XtCallback => ({ callback: 'on_stock_trade', data })),
    ...orders.map((data): XtCallback => ({ callback: 'on_stock_order', data })),
    ...positions.map((data): XtCallback => ({ callback: 'on_stock_position', data })),
    ...(asset === null ? [] : [{ callback: 'on_stock_asset', data: asset } as const]),
  ];
}
