import { z } from 'zod';

// The envelope every connector publishes on qmt:events:{accountId} (ARCHITECTURE §3). Payloads
// use gateway words; xt field names stop at the connector's normalize/. Prices are integer
// units of 0.0001 CNY, money the same unit as decimal strings (bigint-safe), times ISO-8601 UTC.

const priceUnits = z.number().int();
const quantity = z.number().int().nonnegative();
const moneyUnits = z.string().regex(/^-?\d+$/);
/**
 * Fields of the broker's object the payload has no slot for, by their xt names (a newer
 * xtquant build's additions, futures direction and offset, the instrument name…): kept, not
 * dropped, so the event log holds everything the terminal said.
 */
const extra = z.record(z.string(), z.unknown()).optional();

export const OrderStatusPayload = z.object({
  xtStatus: z.number().int(),
  brokerOrderId: z.number().int(),
  brokerSysId: z.string(),
  symbol: z.string(),
  orderType: z.number().int(),
  quantity,
  filledQuantity: quantity,
  avgFillPrice: priceUnits,
  brokerPriceType: z.number().int(),
  message: z.string(),
  orderTime: z.string(),
  extra,
});

export const TradePayload = z.object({
  tradeId: z.string().min(1),
  brokerOrderId: z.number().int(),
  brokerSysId: z.string(),
  symbol: z.string(),
  orderType: z.number().int(),
  quantity: quantity.positive(),
  price: priceUnits,
  amount: moneyUnits,
  commission: moneyUnits,
  tradedAt: z.string(),
  extra,
});

export const OrderErrorPayload = z.object({
  brokerOrderId: z.number().int(),
  errorId: z.number().int(),
  message: z.string(),
  extra,
});

export const CancelErrorPayload = z.object({
  brokerOrderId: z.number().int(),
  brokerSysId: z.string(),
  errorId: z.number().int(),
  message: z.string(),
  extra,
});

export const OrderAckPayload = z.object({
  brokerOrderId: z.number().int(),
  requestSeq: z.number().int(),
  message: z.string(),
  extra,
});

export const AssetPayload = z.object({
  cash: moneyUnits,
  frozenCash: moneyUnits,
  marketValue: moneyUnits,
  totalAsset: moneyUnits,
  extra,
});

export const PositionPayload = z.object({
  symbol: z.string(),
  volume: quantity,
  sellableVolume: quantity,
  frozenVolume: quantity,
  yesterdayVolume: quantity,
  avgPrice: priceUnits,
  marketValue: moneyUnits,
  extra,
});

export const ConnectorStatusPayload = z.object({
  connectorId: z.string(),
  state: z.enum(['UP', 'DOWN']),
  reason: z.string(),
  extra,
});

export const RouteRefusedPayload = z.object({
  jobKind: z.enum(['PLACE', 'CANCEL']),
  rule: z.literal('CONNECTOR_UNAVAILABLE'),
  reason: z.string(),
});

const base = {
  eventId: z.string().min(1).max(200),
  accountId: z.string().min(1),
  orderId: z.string().optional(),
  strategyId: z.string().optional(),
  ts: z.string(),
  source: z.string().min(1),
  /** The client request the event follows from, when the publisher knows it (logs only). */
  requestId: z.string().max(128).optional(),
};

export const GatewayEventSchema = z.discriminatedUnion('type', [
  z.object({ ...base, type: z.literal('ORDER_STATUS'), payload: OrderStatusPayload }),
  z.object({ ...base, type: z.literal('TRADE'), payload: TradePayload }),
  z.object({ ...base, type: z.literal('ORDER_ERROR'), payload: OrderErrorPayload }),
  z.object({ ...base, type: z.literal('CANCEL_ERROR'), payload: CancelErrorPayload }),
  z.object({ ...base, type: z.literal('ORDER_ACK'), payload: OrderAckPayload }),
  z.object({ ...base, type: z.literal('ASSET'), payload: AssetPayload }),
  z.object({ ...base, type: z.literal('POSITION'), payload: PositionPayload }),
  z.object({ ...base, type: z.literal('CONNECTOR_STATUS'), payload: ConnectorStatusPayload }),
  z.object({ ...base, type: z.literal('ROUTE_REFUSED'), payload: RouteRefusedPayload }),
]);

export type GatewayEvent = z.infer<typeof GatewayEventSchema>;
export type GatewayEventType = GatewayEvent['type'];
export type GatewayEventOf<T extends GatewayEventType> = Extract<GatewayEvent, { type: T }>;

export type ParsedEvent =
  | { readonly ok: true; readonly event: GatewayEvent }
  | { readonly ok: false; readonly error: string };

/** Parses one stream entry's JSON; a malformed entry is a value, never an exception. */
export function parseGatewayEvent(json: string): ParsedEvent {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (error) {
    return { ok: false, error: `not JSON: ${String(error)}` };
  }
  const result = GatewayEventSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    return {
      ok: false,
      error: issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid event',
    };
  }
  return { ok: true, event: result.data };
}
