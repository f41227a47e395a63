import { accountOfStreamKey, parseGatewayEvent } from '@qmt/contracts';
import type { DeliveredEvent } from '../ports/event-consumer.port.js';

/** [id, [field, value, ...]] as XREADGROUP / XAUTOCLAIM return them; null fields = deleted. */
export type RawEntry = [id: string, fields: string[] | null];

/** The one field an entry carries: the envelope as JSON. */
export const EVENT_FIELD = 'event';

/** One stream entry as the consumer hands it on: parsed, or malformed with its raw text. */
export function deliveredOf(streamKey: string, [entryId, fields]: RawEntry): DeliveredEvent {
  const accountId = accountOfStreamKey(streamKey) ?? streamKey;
  if (fields === null) {
    // A pending entry whose message was trimmed or XDEL'd: nothing left to apply.
    return { entryId, accountId, ok: false, error: 'entry was deleted from the stream', raw: '' };
  }
  const index = fields.findIndex((field, i) => i % 2 === 0 && field === EVENT_FIELD);
  if (index < 0) {
    return {
      entryId,
      accountId,
      ok: false,
      error: `entry has no ${EVENT_FIELD} field`,
      raw: fields.join(' '),
    };
  }
  const raw = fields[index + 1] ?? '';
  const parsed = parseGatewayEvent(raw);
  return parsed.ok
    ? { entryId, accountId, ok: true, event: parsed.event, raw }
    : { entryId, accountId, ok: false, error: parsed.error, raw };
}

/**
 * Parses an XREADGROUP reply into streams. RESP2 nests [[key, entries], ...]; RESP3 (ioredis 6's
 * default) answers a map, which arrives flattened as [key, entries, ...] with the default
 * replyMapping 'legacy' and as a plain object with replyMapping 'resp3'; null on timeout.
 */
export function readReply(reply: unknown): { key: string; entries: RawEntry[] }[] {
  if (reply === null || reply === undefined) {
    return [];
  }
  if (!Array.isArray(reply)) {
    if (typeof reply === 'object') {
      return Object.entries(reply as Record<string, RawEntry[] | null>).map(([key, entries]) => ({
        key,
        entries: entries ?? [],
      }));
    }
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
  return (items as [string, RawEntry[] | null][]).map(([key, entries]) => ({
    key,
    entries: entries ?? [],
  }));
}
