import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { ApiKeyGuard } from './auth.guard.js';
import { ApiErrorFilter } from './error.filter.js';
import { RequestAuditInterceptor } from './request-audit.interceptor.js';

/**
 * Bearer-key auth, the per-key rate limit, the audit of state-changing requests and the one
 * error body on every HTTP route of the app that imports it.
 */
@Module({
  providers: [
    { provide: APP_GUARD, useClass: ApiKeyGuard },
    { provide: APP_FILTER, useClass: ApiErrorFilter },
    { provide: APP_INTERCEPTOR, useClass: RequestAuditInterceptor },
  ],
})
export class HttpApiModule {}
