import { Controller, Get, Header, HttpStatus, Res } from '@nestjs/common';
import { GatewayMetrics } from '@qmt/observability';
import type { Response } from 'express';
import { HealthRegistry } from './health.registry.js';
import { Public } from './public.decorator.js';

/** /health/live, /health/ready and /metrics, the same on every app. */
@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthRegistry,
    private readonly metrics: GatewayMetrics,
  ) {}

  @Public()
  @Get('health/live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** 200 only when every registered check (database, bus, connector sessions) passes. */
  @Public()
  @Get('health/ready')
  async ready(@Res({ passthrough: true }) response: Response): Promise<Record<string, unknown>> {
    const result = await this.health.evaluate();
    response.status(result.ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { status: result.ready ? 'ready' : 'not ready', checks: result.checks };
  }

  @Public()
  @Get('metrics')
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  metricsText(): Promise<string> {
    return this.metrics.text();
  }
}
