// JSON shapes of the HTTP API → qmt.gateway.v1 messages: the same fields, minus nulls (proto3
// optional fields are absent instead), details and payloads as strings.

import type { PositionJson } from '../queries/positions.service.js';
import type { Update } from '../stream/updates.js';

type Json = Record<string, unknown>;

function withoutNulls(value: Json): Json {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined));
}

export function orderMessage(order: Json): Json {
  const rejection = order.rejection as { rule: string; message: string; details: Json } | null;
  return withoutNulls({
    ...order,
    statusMessage: undefined,
    rejection:
      rejection === null
        ? null
        : {
            rule: rejection.rule,
            message: rejection.message,
            details: Object.fromEntries(
              Object.entries(rejection.details).map(([k, v]) => [k, String(v)]),
            ),
          },
  });
}

export function tradeMessage(trade: Json): Json {
  return withoutNulls(trade);
}

export function orderDetailMessage(detail: Json): Json {
  const { events, trades, children, ...order } = detail as Json & {
    events: Json[];
    trades: Json[];
    children?: Json[];
  };
  return {
    order: orderMessage(order),
    events: events.map((e) =>
      withoutNulls({
        seq: e.seq,
        eventId: e.eventId,
        type: e.type,
        status: e.status,
        source: e.source,
        ts: e.ts,
        payloadJson: JSON.stringify(e.payload),
      }),
    ),
    trades: trades.map(tradeMessage),
    children: (children ?? []).map(orderMessage),
  };
}

export function positionMessage(position: PositionJson): Json {
  return {
    accountId: position.accountId,
    symbol: position.symbol,
    books: position.books.map((b) => withoutNulls({ ...b })),
    ...(position.broker === null ? {} : { broker: withoutNulls(position.broker) }),
  };
}

export function updateMessage(update: Update): Json {
  const { position, payload, ...rest } = update;
  return withoutNulls({ ...rest, cursor: position, payloadJson: JSON.stringify(payload) });
}
