import { Injectable, type NestMiddleware } from '@nestjs/common';
import {
  GatewayMetrics,
  REQUEST_ID_HEADER,
  acceptRequestId,
  withLogContext,
} from '@qmt/observability';
import type { NextFunction, Request, Response } from 'express';

/**
 * Every HTTP request runs in a log context named by its X-Request-Id (the caller's when
 * acceptable, else a fresh one), which is echoed on the response; its count and duration are
 * recorded by route pattern (never the raw path: order ids stay out of labels).
 */
@Injectable()
export class RequestContextMiddleware implements NestMiddleware {
  constructor(private readonly metrics: GatewayMetrics) {}

  use(request: Request, response: Response, next: NextFunction): void {
    const requestId = acceptRequestId(request.headers[REQUEST_ID_HEADER]);
    response.setHeader('X-Request-Id', requestId);
    const started = process.hrtime.bigint();
    response.once('finish', () => {
      const route = routeOf(request);
      const method = request.method;
      this.metrics.flow.httpRequests.inc({ method, route, status: String(response.statusCode) });
      this.metrics.flow.httpDuration.observe(
        { method, route },
        Number(process.hrtime.bigint() - started) / 1e9,
      );
    });
    withLogContext({ requestId }, next);
  }
}

/** The matched route's pattern (`/v1/orders/:id`); 'unmatched' for a 404 on no route. */
function routeOf(request: Request): string {
  const route: unknown = (request as { route?: unknown }).route;
  const path: unknown =
    typeof route === 'object' && route !== null ? (route as { path?: unknown }).path : undefined;
  return typeof path === 'string' ? path : 'unmatched';
}
