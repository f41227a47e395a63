import { accountOfStreamKey, parseGatewayEvent } from '@qmt/contracts';
import type { DeliveredEvent } from '../ports/event-consumer.port.js';

/** [id, [field, value, ...]] as XREADGROUP / XAUTOCLAIM return them. */
export type RawEntry = [id: string, fields: string[] | null];

/** One stream entry as the consumer hands it on: parsed, or malformed with its raw text. */
export function deliveredOf(streamKey: string, [entryId, fields]: RawEntry): DeliveredEvent {
  const accountId = accountOfStreamKey(streamKey) ?? streamKey;
  const values = fields ?? [];
  const index = values.indexOf('event');
  const raw = index >= 0 && index + 1 < values.length ? (values[index + 1] ?? '') : '';
  if (index < 0) {
    return {
      entryId,
      accountId,
      ok: false,
      error: 'entry has no event field',
      raw: values.join(' '),
    };
  }
  const parsed = parseGatewayEvent(raw);
  return parsed.ok
    ? { entryId, accountId, ok: true, event: parsed.event }
    : { entryId, accountId, ok: false, error: parsed.error, raw };
}

/**
 * Parses an XREADGROUP reply: RESP2 nests [[key, entries], ...]; RESP3 (ioredis 6's default)
 * answers a map, which arrives flattened as [key, entries, key, entries, ...]; null on timeout.
 */
export function readReply(reply: unknown): { key: string; entries: RawEntry[] }[] {
  if (!Array.isArray(reply)) {
    return [];
  }
  const items = reply as unknown[];
  if (typeof items[0] === 'string') {
    const streams: { key: string; entries: RawEntry[] }[] = [];
    for (let i = 0; i + 1 < items.length; i += 2) {
      streams.push({ key: String(items[i]), entries: (items[i + 1] ?? []) as RawEntry[] });
    }
    return streams;
  }
  return (items as [string, RawEntry[]][]).map(([key, entries]) => ({ key, entries }));
}
