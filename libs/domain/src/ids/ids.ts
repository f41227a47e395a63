// Identifiers and deterministic event ids (ARCHITECTURE §3): an event id is a pure function of
// broker identity, so a replayed stream or a duplicated callback dedupes by construction.

export type OrderId = string & { readonly __brand: 'OrderId' };
export type AccountId = string;
export type StrategyId = string;

/**
 * Gateway order ids double as the broker `order_remark`, which must be unique, ASCII and at most
 * 23 characters (xtquant-api.md §5.13): "Q" + 8 base-32 characters of milliseconds + 10 random
 * base-32 characters = 19 characters, sortable by creation time.
 */
const ORDER_ID_PATTERN = /^Q[0-9A-HJKMNP-TV-Z]{18}$/;
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function isOrderId(value: string): value is OrderId {
  return ORDER_ID_PATTERN.test(value);
}

/**
 * Builds an order id from a creation time and 10 random values in [0, 32); the caller supplies
 * the randomness so the domain stays deterministic.
 */
export function makeOrderId(epochMs: number, random: readonly number[]): OrderId {
  if (random.length !== 10 || random.some((r) => !Number.isInteger(r) || r < 0 || r > 31)) {
    throw new RangeError('makeOrderId needs 10 random integers in [0, 32)');
  }
  let time = '';
  let rest = Math.floor(epochMs);
  for (let i = 0; i < 8; i += 1) {
    time = CROCKFORD.charAt(rest % 32) + time;
    rest = Math.floor(rest / 32);
  }
  return `Q${time}${random.map((r) => CROCKFORD.charAt(r)).join('')}` as OrderId;
}

/** The broker remark the gateway sends for an order. */
export function remarkForOrder(orderId: OrderId): string {
  return orderId;
}

/** The gateway order id carried in a broker remark, or undefined for orders placed elsewhere. */
export function orderIdFromRemark(remark: string): OrderId | undefined {
  const trimmed = remark.trim();
  return isOrderId(trimmed) ? trimmed : undefined;
}

/** Key of a broker order inside an account: the remark when ours, else the counter sysid, else the client id. */
export function brokerOrderKey(remark: string, sysId: string, brokerOrderId: number): string {
  const orderId = orderIdFromRemark(remark);
  if (orderId !== undefined) {
    return orderId;
  }
  return sysId !== '' ? `sys-${sysId}` : `oid-${brokerOrderId}`;
}

/** A status report: order + status + cumulative traded volume. */
export function statusEventId(
  accountId: string,
  orderKey: string,
  xtStatus: number,
  tradedVolume: number,
): string {
  return `st:${accountId}:${orderKey}:${xtStatus}:${tradedVolume}`;
}

/** A fill: account + broker traded_id. */
export function tradeEventId(accountId: string, tradedId: string): string {
  return `tr:${accountId}:${tradedId}`;
}

export function orderErrorEventId(accountId: string, orderKey: string, errorId: number): string {
  return `oe:${accountId}:${orderKey}:${errorId}`;
}

export function cancelErrorEventId(accountId: string, orderKey: string, errorId: number): string {
  return `ce:${accountId}:${orderKey}:${errorId}`;
}

export function orderAckEventId(accountId: string, orderKey: string): string {
  return `ack:${accountId}:${orderKey}`;
}

/** The connector refused a route job (expired, session down): one per order and job kind. */
export function routeRefusedEventId(accountId: string, orderId: string, jobKind: string): string {
  return `rr:${accountId}:${orderId}:${jobKind}`;
}
