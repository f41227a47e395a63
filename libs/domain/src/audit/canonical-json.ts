// The canonical JSON form the audit chain hashes (docs/audit.md "Canonical form"). It must give
// the same text for a record as written and as read back from a Postgres jsonb column, whatever
// order keys come back in, so: keys sorted by UTF-16 code units at every level, no whitespace,
// strings and numbers as JSON.stringify writes them, undefined members dropped.

export type JsonValue =
  | null
  | boolean
  | number
  | string
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue | undefined };

/** Thrown for a value the canonical form cannot represent: a bug in the caller, not bad input. */
export class CanonicalJsonError extends Error {
  override readonly name = 'CanonicalJsonError';
}

// NUL is refused by jsonb and a lone surrogate is not valid UTF-8: either would make the stored
// record differ from the hashed one, so both become U+FFFD before hashing and storing.
// eslint-disable-next-line no-control-regex -- NUL is exactly what must be found
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** A string as the audit log can store it unchanged (NUL and lone surrogates replaced). */
export function storableText(text: string): string {
  return text.replace(UNSTORABLE, '\ufffd');
}

/**
 * A copy of value that survives a jsonb round trip unchanged: strings made storable, undefined
 * object members dropped; non-finite numbers are refused (JSON has no NaN or Infinity).
 */
export function storableJson(value: JsonValue, path = '$'): JsonValue {
  if (value === null || typeof value === 'boolean') {
    return value;
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      throw new CanonicalJsonError(`${path} is ${String(value)}: JSON has no such number`);
    }
    // -0 and 0 serialise alike; normalising here keeps the in-memory copy equal to the stored one.
    return value === 0 ? 0 : value;
  }
  if (typeof value === 'string') {
    return storableText(value);
  }
  if (isArray(value)) {
    return value.map((item, i) => storableJson(item, `${path}[${String(i)}]`));
  }
  const out: Record<string, JsonValue> = {};
  for (const [key, member] of Object.entries(value)) {
    if (member !== undefined) {
      out[storableText(key)] = storableJson(member, `${path}.${key}`);
    }
  }
  return out;
}

function isArray(value: JsonValue): value is readonly JsonValue[] {
  return Array.isArray(value);
}

/** The canonical text of a storable JSON value (see the header for the rules). */
export function canonicalJson(value: JsonValue): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') {
    return JSON.stringify(value);
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      throw new CanonicalJsonError(`${String(value)} has no JSON form`);
    }
    return JSON.stringify(value);
  }
  if (isArray(value)) {
    return `[${value.map((item) => canonicalJson(item)).join(',')}]`;
  }
  const members = Object.entries(value)
    .filter((entry): entry is [string, JsonValue] => entry[1] !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, member]) => `${JSON.stringify(key)}:${canonicalJson(member)}`);
  return `{${members.join(',')}}`;
}
