// A token bucket, pure: time comes in as an argument (milliseconds), state goes out as a value.

export interface BucketLimit {
  readonly requestsPerSecond: number;
  readonly burst: number;
}

export interface Bucket {
  readonly tokens: number;
  readonly atMs: number;
}

export type Take =
  | { readonly allowed: true; readonly bucket: Bucket }
  | { readonly allowed: false; readonly bucket: Bucket; readonly retryAfterMs: number };

/** A full bucket: a new key may spend its whole burst at once. */
export function fullBucket(limit: BucketLimit, nowMs: number): Bucket {
  return { tokens: limit.burst, atMs: nowMs };
}

/** Refills for the time passed (never above the burst), then takes one token if there is one. */
export function takeToken(bucket: Bucket, limit: BucketLimit, nowMs: number): Take {
  const elapsed = Math.max(0, nowMs - bucket.atMs);
  const tokens = Math.min(limit.burst, bucket.tokens + (elapsed * limit.requestsPerSecond) / 1000);
  if (tokens >= 1) {
    return { allowed: true, bucket: { tokens: tokens - 1, atMs: nowMs } };
  }
  const retryAfterMs = Math.ceil(((1 - tokens) * 1000) / limit.requestsPerSecond);
  return { allowed: false, bucket: { tokens, atMs: nowMs }, retryAfterMs };
}
