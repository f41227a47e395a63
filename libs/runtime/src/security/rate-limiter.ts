import { type DeskDirectory } from '../desk-directory.js';
import { fullBucket, takeToken, type Bucket } from './token-bucket.js';

/**
 * Per-key request rate (desk.yaml `security.rateLimit`, or a principal's own `rateLimit`): one
 * token bucket per API key, in this process. HTTP answers 429, gRPC RESOURCE_EXHAUSTED. Only
 * configured keys reach it (unknown keys are refused first), so the buckets stay few.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly desk: DeskDirectory,
    private readonly nowMs: () => number = () => performance.now(),
  ) {}

  /** null when the request may go ahead, else how many milliseconds until it may. */
  take(principalId: string, keyHash: string): number | null {
    const limit = this.desk.rateLimitFor(principalId);
    if (limit === undefined) {
      return null;
    }
    const now = this.nowMs();
    const bucket = this.buckets.get(keyHash) ?? fullBucket(limit, now);
    const take = takeToken(bucket, limit, now);
    this.buckets.set(keyHash, take.bucket);
    return take.allowed ? null : take.retryAfterMs;
  }
}
