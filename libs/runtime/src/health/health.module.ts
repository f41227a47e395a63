import { Global, Module, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { BusMetrics } from '../observability/bus-metrics.js';
import { RequestContextMiddleware } from '../observability/request-context.middleware.js';
import { SessionMetrics } from '../observability/session-metrics.js';
import { HealthController } from './health.controller.js';
import { HealthRegistry } from './health.registry.js';
import { StandardReadiness } from './standard-readiness.js';

/**
 * Health, /metrics and what every app observes the same way: request ids and traffic on HTTP,
 * the backlog of the bus it uses, the exchange session. gRPC controllers take
 * RpcContextInterceptor themselves: a hybrid app's global enhancers do not reach them.
 */
@Global()
@Module({
  controllers: [HealthController],
  providers: [HealthRegistry, StandardReadiness, BusMetrics, SessionMetrics],
  exports: [HealthRegistry],
})
export class HealthModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestContextMiddleware).forRoutes('{*path}');
  }
}
