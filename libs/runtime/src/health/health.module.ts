import { Global, Module } from '@nestjs/common';
import { HealthController } from './health.controller.js';
import { HealthRegistry } from './health.registry.js';
import { StandardReadiness } from './standard-readiness.js';

@Global()
@Module({
  controllers: [HealthController],
  providers: [HealthRegistry, StandardReadiness],
  exports: [HealthRegistry],
})
export class HealthModule {}
