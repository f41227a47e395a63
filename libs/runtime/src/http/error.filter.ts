import {
  Catch,
  HttpException,
  HttpStatus,
  Inject,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import type { Logger } from '@qmt/observability';
import { LOGGER } from '../runtime.module.js';
import type { Response } from 'express';

const CODE_BY_STATUS: Record<number, string> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  429: 'RATE_LIMITED',
  503: 'UNAVAILABLE',
};

function isErrorBody(body: unknown): body is { error: { code: string; message: string } } {
  return (
    typeof body === 'object' && body !== null && 'error' in body && typeof body.error === 'object'
  );
}

/** Maps every exception to { error: { code, message, fields? } }; 5xx never leak internals. */
@Catch()
export class ApiErrorFilter implements ExceptionFilter {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (exception instanceof HttpException && exception.cause instanceof SyntaxError) {
      response.status(HttpStatus.BAD_REQUEST).json({
        error: { code: 'MALFORMED_JSON', message: 'the request body is not valid JSON' },
      });
      return;
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      if (isErrorBody(body)) {
        response.status(status).json(body);
        return;
      }
      const message =
        typeof body === 'object' && body !== null && 'message' in body
          ? String(body.message)
          : exception.message;
      response.status(status).json({
        error: { code: CODE_BY_STATUS[status] ?? 'ERROR', message },
      });
      return;
    }
    this.logger.error({ err: exception }, 'unhandled error');
    response
      .status(HttpStatus.INTERNAL_SERVER_ERROR)
      .json({ error: { code: 'INTERNAL', message: 'internal error' } });
  }
}
