import { z } from 'zod';

// The wire format of docs/bridge-protocol.md: one JSON object per line, UTF-8. Inbound
// messages are validated here so the session only ever sees well-formed values; fields this
// version does not know are kept (loose objects), as newer bridges may add them.

export const BRIDGE_PROTOCOL_VERSION = 1;

const TraderState = z.enum(['connecting', 'connected', 'disconnected']);
export type BridgeTraderState = z.infer<typeof TraderState>;

const AccountRef = z.looseObject({
  account_id: z.string(),
  account_type: z.union([z.number(), z.string()]),
});
const Payload = z.record(z.string(), z.unknown());
const SessionId = z.number().int().nullable();

const Welcome = z.looseObject({
  type: z.literal('welcome'),
  protocol: z.number().int(),
  bridge_version: z.string(),
  bridge_id: z.string(),
  trader: TraderState,
  session_id: SessionId,
  accounts: z.array(AccountRef),
  dropped_events: z.number().int().nonnegative(),
  heartbeat_interval_ms: z.number().int().positive(),
  capabilities: z.looseObject({ trader: z.array(z.string()), xtdata: z.array(z.string()) }),
});

const Status = z.looseObject({
  type: z.literal('status'),
  trader: TraderState,
  session_id: SessionId,
  attempt: z.number().int().nonnegative(),
  accounts: z.array(AccountRef),
  reason: z.string(),
});

const Event = z.looseObject({
  type: z.literal('event'),
  callback: z.string().regex(/^on_[a-z_]+$/),
  data: Payload,
  session_id: SessionId,
  seq: z.number().int().positive(),
});

const Quote = z.looseObject({
  type: z.literal('quote'),
  sub_id: z.number().int().nullable(),
  data: Payload,
  seq: z.number().int().positive(),
});

const RequestId = z.union([z.number().int(), z.string()]);
const ErrorBody = z.looseObject({ code: z.string(), message: z.string() });

const Response = z.union([
  z.looseObject({
    type: z.literal('response'),
    id: RequestId,
    ok: z.literal(true),
    result: z.unknown(),
  }),
  z.looseObject({
    type: z.literal('response'),
    id: RequestId,
    ok: z.literal(false),
    error: ErrorBody,
  }),
]);

const ErrorMessage = z.looseObject({
  type: z.literal('error'),
  code: z.string(),
  message: z.string(),
});
const Heartbeat = z.looseObject({ type: z.literal('heartbeat'), ts: z.number() });

const Inbound = z.union([Welcome, Status, Event, Quote, Response, ErrorMessage, Heartbeat]);

export type BridgeWelcome = z.infer<typeof Welcome>;
export type BridgeStatus = z.infer<typeof Status>;
export type BridgeEvent = z.infer<typeof Event>;
export type BridgeQuote = z.infer<typeof Quote>;
export type BridgeResponse = z.infer<typeof Response>;
export type BridgeInbound = z.infer<typeof Inbound>;

export type ParsedLine =
  | { readonly kind: 'message'; readonly message: BridgeInbound }
  | { readonly kind: 'invalid'; readonly reason: string };

/** One inbound line as a typed message, or why it is not one (never throws). */
export function parseBridgeLine(line: string): ParsedLine {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { kind: 'invalid', reason: 'not JSON' };
  }
  const parsed = Inbound.safeParse(value);
  if (!parsed.success) {
    return { kind: 'invalid', reason: parsed.error.issues[0]?.message ?? 'not a bridge message' };
  }
  return { kind: 'message', message: parsed.data };
}

export type BridgeOutbound =
  | {
      readonly type: 'hello';
      readonly token: string;
      readonly protocol: number;
      readonly client: string;
    }
  | {
      readonly type: 'request';
      readonly id: number;
      readonly method: string;
      readonly args: readonly unknown[];
      readonly kwargs?: Readonly<Record<string, unknown>>;
    }
  | { readonly type: 'heartbeat'; readonly ts: number };

export function encodeBridgeMessage(message: BridgeOutbound): string {
  return `${JSON.stringify(message)}\n`;
}

/**
 * Splits a text stream into lines. A line longer than the limit means the peer is not a
 * bridge (or is broken): the caller drops the connection rather than buffer without bound.
 */
export class LineDecoder {
  private buffer = '';

  constructor(private readonly maxLineChars = 16 * 1024 * 1024) {}

  push(chunk: string): string[] | 'overflow' {
    this.buffer += chunk;
    const parts = this.buffer.split('\n');
    this.buffer = parts.pop() ?? '';
    if (this.buffer.length > this.maxLineChars) {
      return 'overflow';
    }
    return parts.filter((line) => line.trim() !== '');
  }
}

/** Exponential backoff: initial, 2×, 4× … capped at max (attempt counts from 1). */
export function reconnectDelayMs(attempt: number, initialMs: number, maxMs: number): number {
  const exponent = Math.min(Math.max(attempt, 1) - 1, 30);
  return Math.min(maxMs, initialMs * 2 ** exponent);
}
