import {
  HttpException,
  Inject,
  Injectable,
  Optional,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { Logger } from '@qmt/observability';
import type { Request, Response } from 'express';
import { catchError, concatMap, from, type Observable } from 'rxjs';
import { AuditTrail } from '../audit/audit-trail.js';
import { requestAuditEntry } from '../audit/request-audit.js';
import type { Principal } from '../desk-directory.js';
import { LOGGER } from '../logger.token.js';
import { ApiError } from './api-error.js';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

type AuthedRequest = Request & { principal?: Principal };

/** The address the request came from (the socket's; no proxy header is trusted). */
export function peerAddress(request: Request): string | null {
  return request.socket?.remoteAddress ?? null;
}

/**
 * Records every state-changing HTTP request by a known caller, with its outcome, before the
 * answer leaves: a client never holds a 2xx whose audit record is not written. Refusals by the
 * guard (role) are recorded by the guard; 401s have no caller to name and are only logged.
 */
@Injectable()
export class RequestAuditInterceptor implements NestInterceptor {
  constructor(
    @Inject(LOGGER) private readonly logger: Logger,
    @Optional() private readonly audit?: AuditTrail,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<AuthedRequest>();
    const audit = this.audit;
    const principal = request.principal;
    if (audit === undefined || principal === undefined || !STATE_CHANGING.has(request.method)) {
      return next.handle();
    }
    const response = context.switchToHttp().getResponse<Response>();
    const facts = {
      principal,
      transport: 'http' as const,
      method: request.method,
      path: request.path,
      ip: peerAddress(request),
      params: request.params,
    };
    return next.handle().pipe(
      concatMap((result: unknown) =>
        from(
          audit
            .record(
              requestAuditEntry({
                ...facts,
                status: response.statusCode,
                body: request.body,
                result,
              }),
            )
            .then(() => result),
        ),
      ),
      catchError((error: unknown) =>
        from(
          audit
            .record(
              requestAuditEntry({
                ...facts,
                status: error instanceof HttpException ? error.getStatus() : 500,
                code: error instanceof ApiError ? error.code : undefined,
                fields: error instanceof ApiError ? error.fields?.map((f) => f.path) : undefined,
              }),
            )
            .catch((auditError: unknown) => {
              this.logger.error({ err: auditError }, 'audit record of a refused request failed');
            })
            .then(() => {
              throw error;
            }),
        ),
      ),
    );
  }
}
