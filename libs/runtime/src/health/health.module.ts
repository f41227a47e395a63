import { Global, Module, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { BusMetrics } from '../observability/bus-metrics.js';
import { RequestContextMiddleware } from '../observability/request-context.middleware.js';
import { RpcContextInterceptor } from '../observability/rpc-context.interceptor.js';
import { SessionMetrics } from '../observability/session-metrics.js';
import { HealthController } from './health.controller.js';
import { HealthRegistry } from './health.registry.js';
import { StandardReadiness } from './standard-readiness.js';

/**
 * Health, /metrics and what every app observes the same way: request ids and traffic on HTTP
 * and gRPC, and the backlog of the bus it uses.
 */
@Global()
@Module({
  controllers: [HealthController],
  providers: [
    HealthRegistry,
    StandardReadiness,
    BusMetrics,
    SessionMetrics,
    { provide: APP_INTERCEPTOR, useClass: RpcContextInterceptor },
  ],
  exports: [HealthRegistry],
})
export class HealthModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestContextMiddleware).forRoutes('{*path}');
  }
}
