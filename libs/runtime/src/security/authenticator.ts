import { HttpStatus } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { type DeskDirectory, type Principal } from '../desk-directory.js';
import { ApiError } from '../http/api-error.js';
import { ACCESS, mayPerform, type Operation } from './access-policy.js';
import type { RateLimiter } from './rate-limiter.js';

const BEARER = /^Bearer\s+(\S{1,512})$/i;

/**
 * Bearer key → principal, the per-key rate limit, then the operation's roles: the same three
 * steps, in this order, for an HTTP request and a gRPC call. Refusals are ApiErrors (401, 429,
 * 403) that each transport maps to its own status.
 */
export class Authenticator {
  constructor(
    private readonly desk: DeskDirectory,
    private readonly limiter: RateLimiter,
  ) {}

  authenticate(authorization: unknown): Principal {
    const match = typeof authorization === 'string' ? BEARER.exec(authorization) : null;
    const key = match?.[1];
    if (key === undefined) {
      throw new ApiError(
        HttpStatus.UNAUTHORIZED,
        'UNAUTHENTICATED',
        'missing Authorization: Bearer <api key>',
      );
    }
    // One digest per request: it finds the principal and keys the rate limit.
    const keyHash = createHash('sha256').update(key).digest('hex');
    const principal = this.desk.principalForKeyHash(keyHash);
    if (principal === undefined) {
      throw new ApiError(HttpStatus.UNAUTHORIZED, 'UNAUTHENTICATED', 'unknown API key');
    }
    const retryAfterMs = this.limiter.take(principal.id, keyHash);
    if (retryAfterMs !== null) {
      throw new ApiError(
        HttpStatus.TOO_MANY_REQUESTS,
        'RATE_LIMITED',
        `too many requests for this API key; retry in ${String(retryAfterMs)} ms`,
        undefined,
        { retryAfterMs },
      );
    }
    return principal;
  }

  authorize(principal: Principal, operation: Operation | undefined): void {
    if (operation !== undefined && !mayPerform(principal.role, operation)) {
      throw new ApiError(
        HttpStatus.FORBIDDEN,
        'FORBIDDEN',
        `role ${principal.role} may not ${operation.toLowerCase().replace(/_/g, ' ')} (allowed: ${ACCESS[operation].join(', ')})`,
      );
    }
  }
}
