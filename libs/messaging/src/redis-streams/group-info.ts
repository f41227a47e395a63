/** One consumer group as XINFO GROUPS reports it. */
export interface GroupInfo {
  readonly name: string;
  readonly pending: number;
  /** Redis 7: entries not yet delivered to the group; null when it cannot tell (after XDEL). */
  readonly lag: number | null;
}

/**
 * Parses XINFO GROUPS: an array with one entry per group, each a flat [field, value, ...] list
 * (RESP2, or RESP3 with ioredis's legacy reply mapping) or a plain object (resp3 mapping).
 */
export function parseGroupInfo(reply: unknown): GroupInfo[] {
  if (!Array.isArray(reply)) {
    return [];
  }
  return (reply as unknown[]).flatMap((group) => {
    const fields = fieldsOf(group);
    const name = fields.get('name');
    if (typeof name !== 'string') {
      return [];
    }
    const lag = fields.get('lag');
    return [
      {
        name,
        pending: Number(fields.get('pending') ?? 0),
        lag: lag === null || lag === undefined ? null : Number(lag),
      },
    ];
  });
}

function fieldsOf(group: unknown): Map<string, unknown> {
  if (Array.isArray(group)) {
    const items = group as unknown[];
    const fields = new Map<string, unknown>();
    for (let i = 0; i + 1 < items.length; i += 2) {
      fields.set(String(items[i]), items[i + 1]);
    }
    return fields;
  }
  if (typeof group === 'object' && group !== null) {
    return new Map(Object.entries(group));
  }
  return new Map();
}
