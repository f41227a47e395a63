import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ApiKeyGuard } from './auth.guard.js';
import { ApiErrorFilter } from './error.filter.js';

/** Bearer-key auth and the one error body on every HTTP route of the app that imports it. */
@Module({
  providers: [
    { provide: APP_GUARD, useClass: ApiKeyGuard },
    { provide: APP_FILTER, useClass: ApiErrorFilter },
  ],
})
export class HttpApiModule {}
