// The one place (with libs/domain/xt) that knows xt field names: miniQMT callbacks → gateway
// events with deterministic ids (ARCHITECTURE §3), so duplicated callbacks dedupe downstream.
import type { GatewayEvent } from '@qmt/contracts';
import {
  brokerOrderKey,
  cancelErrorEventId,
  moneyFromYuan,
  orderAckEventId,
  orderErrorEventId,
  orderIdFromRemark,
  priceFromBroker,
  statusEventId,
  tradeEventId,
  type XtCallback,
} from '@qmt/domain';

export interface NormalizeContext {
  readonly connectorId: string;
  /** Gateway account id of a broker account id; undefined for accounts this desk does not serve. */
  readonly accountIdOf: (xtAccountId: string) => string | undefined;
  readonly now: Date;
}

const epochSecondsToIso = (seconds: number): string => new Date(seconds * 1000).toISOString();
const money = (yuan: number | undefined): string => moneyFromYuan(yuan ?? 0).toString();

/**
 * The fields of a broker object the payload does not map, by xt name: what a newer build adds
 * and what has no gateway slot yet. Omitted when there is none.
 */
function extraOf(data: object, mapped: ReadonlySet<string>): { extra?: Record<string, unknown> } {
  // Runs for every callback: no entries array, and nothing allocated when all fields map.
  let extra: Record<string, unknown> | undefined;
  for (const key in data) {
    if (!mapped.has(key)) {
      extra ??= {};
      extra[key] = (data as Record<string, unknown>)[key];
    }
  }
  return extra === undefined ? {} : { extra };
}

// The xt fields each payload maps (or the envelope carries: account, remark, strategy).
const ENVELOPE = ['account_type', 'account_id', 'order_remark', 'strategy_name'];
const ORDER_MAPPED = new Set([
  ...ENVELOPE,
  'order_status',
  'order_id',
  'order_sysid',
  'stock_code',
  'order_type',
  'order_volume',
  'traded_volume',
  'traded_price',
  'price_type',
  'status_msg',
  'order_time',
]);
const TRADE_MAPPED = new Set([
  ...ENVELOPE,
  'traded_id',
  'order_id',
  'order_sysid',
  'stock_code',
  'order_type',
  'traded_volume',
  'traded_price',
  'traded_amount',
  'commission',
  'traded_time',
]);
const ORDER_ERROR_MAPPED = new Set([...ENVELOPE, 'order_id', 'error_id', 'error_msg']);
const CANCEL_ERROR_MAPPED = new Set([
  ...ENVELOPE,
  'order_id',
  'order_sysid',
  'error_id',
  'error_msg',
]);
const ACK_MAPPED = new Set([...ENVELOPE, 'order_id', 'seq', 'error_msg']);
const ASSET_MAPPED = new Set([...ENVELOPE, 'cash', 'frozen_cash', 'market_value', 'total_asset']);
const POSITION_MAPPED = new Set([
  ...ENVELOPE,
  'stock_code',
  'volume',
  'can_use_volume',
  'frozen_volume',
  'yesterday_volume',
  'avg_price',
  'market_value',
]);

function correlation(remark: string, strategyName: string) {
  const orderId = orderIdFromRemark(remark);
  return {
    ...(orderId === undefined ? {} : { orderId }),
    ...(strategyName === '' ? {} : { strategyId: strategyName }),
  };
}

/** Gateway events for one callback; [] for accounts not on this desk (orders placed elsewhere). */
export function normalizeCallback(cb: XtCallback, ctx: NormalizeContext): GatewayEvent[] {
  const source = `connector:${ctx.connectorId}`;
  const ts = ctx.now.toISOString();
  if (cb.callback === 'on_disconnected') {
    return [];
  }
  const accountId = ctx.accountIdOf(cb.data.account_id);
  if (accountId === undefined) {
    return [];
  }
  switch (cb.callback) {
    case 'on_stock_order': {
      const o = cb.data;
      const key = brokerOrderKey(o.order_remark, o.order_sysid, o.order_id);
      return [
        {
          eventId: statusEventId(accountId, key, o.order_status, o.traded_volume),
          type: 'ORDER_STATUS',
          accountId,
          ...correlation(o.order_remark, o.strategy_name),
          ts,
          source,
          payload: {
            xtStatus: o.order_status,
            brokerOrderId: o.order_id,
            brokerSysId: o.order_sysid,
            symbol: o.stock_code,
            orderType: o.order_type,
            quantity: o.order_volume,
            filledQuantity: o.traded_volume,
            avgFillPrice: priceFromBroker(o.traded_price),
            brokerPriceType: o.price_type,
            message: o.status_msg,
            orderTime: epochSecondsToIso(o.order_time),
            ...extraOf(o, ORDER_MAPPED),
          },
        },
      ];
    }
    case 'on_stock_trade': {
      const t = cb.data;
      return [
        {
          eventId: tradeEventId(accountId, t.traded_id),
          type: 'TRADE',
          accountId,
          ...correlation(t.order_remark, t.strategy_name),
          ts,
          source,
          payload: {
            tradeId: t.traded_id,
            brokerOrderId: t.order_id,
            brokerSysId: t.order_sysid,
            symbol: t.stock_code,
            orderType: t.order_type,
            quantity: t.traded_volume,
            price: priceFromBroker(t.traded_price),
            amount: money(t.traded_amount),
            commission: money(t.commission),
            tradedAt: epochSecondsToIso(t.traded_time),
            ...extraOf(t, TRADE_MAPPED),
          },
        },
      ];
    }
    case 'on_order_error': {
      const e = cb.data;
      const key = brokerOrderKey(e.order_remark, '', e.order_id);
      return [
        {
          eventId: orderErrorEventId(accountId, key, e.error_id),
          type: 'ORDER_ERROR',
          accountId,
          ...correlation(e.order_remark, e.strategy_name),
          ts,
          source,
          payload: {
            brokerOrderId: e.order_id,
            errorId: e.error_id,
            message: e.error_msg,
            ...extraOf(e, ORDER_ERROR_MAPPED),
          },
        },
      ];
    }
    case 'on_cancel_error': {
      const e = cb.data;
      const key = brokerOrderKey('', e.order_sysid, e.order_id);
      return [
        {
          eventId: cancelErrorEventId(accountId, key, e.error_id),
          type: 'CANCEL_ERROR',
          accountId,
          ts,
          source,
          payload: {
            brokerOrderId: e.order_id,
            brokerSysId: e.order_sysid,
            errorId: e.error_id,
            message: e.error_msg,
            ...extraOf(e, CANCEL_ERROR_MAPPED),
          },
        },
      ];
    }
    case 'on_order_stock_async_response': {
      const r = cb.data;
      const key = brokerOrderKey(r.order_remark, '', r.order_id);
      return [
        {
          eventId: orderAckEventId(accountId, key),
          type: 'ORDER_ACK',
          accountId,
          ...correlation(r.order_remark, r.strategy_name),
          ts,
          source,
          payload: {
            brokerOrderId: r.order_id,
            requestSeq: r.seq,
            message: r.error_msg,
            ...extraOf(r, ACK_MAPPED),
          },
        },
      ];
    }
    case 'on_stock_asset': {
      const a = cb.data;
      // Assets have no broker identity: the snapshot time makes the id, so a replay of the same
      // push at another time is a new snapshot (harmless: the latest wins).
      return [
        {
          eventId: `as:${accountId}:${ts}:${money(a.cash)}:${money(a.market_value)}`,
          type: 'ASSET',
          accountId,
          ts,
          source,
          payload: {
            cash: money(a.cash),
            frozenCash: money(a.frozen_cash),
            marketValue: money(a.market_value),
            totalAsset: money(a.total_asset),
            ...extraOf(a, ASSET_MAPPED),
          },
        },
      ];
    }
    case 'on_stock_position': {
      const p = cb.data;
      return [
        {
          eventId: `po:${accountId}:${p.stock_code}:${ts}:${p.volume}:${p.can_use_volume}`,
          type: 'POSITION',
          accountId,
          ts,
          source,
          payload: {
            symbol: p.stock_code,
            volume: p.volume,
            sellableVolume: p.can_use_volume,
            frozenVolume: p.frozen_volume,
            yesterdayVolume: p.yesterday_volume,
            avgPrice: priceFromBroker(p.avg_price),
            marketValue: money(p.market_value),
            ...extraOf(p, POSITION_MAPPED),
          },
        },
      ];
    }
    // A cancel's answer says nothing about the order (its result lies both ways, anchors §5):
    // the statuses 51–54 (or 56/57) and on_cancel_error carry the outcome. Account status
    // feeds the connector's state (connector-state.ts), published as CONNECTOR_STATUS by the
    // service with the session's other accounts in view.
    case 'on_cancel_order_stock_async_response':
    case 'on_account_status':
      return [];
  }
}
