import { Controller, Get, Header, HttpStatus, Res } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { GatewayMetrics } from '@qmt/observability';
import type { Response } from 'express';
import { HealthRegistry } from './health.registry.js';
import { LivenessDto, METRICS_EXAMPLE, ReadinessDto } from './health.response.js';
import { Public } from './public.decorator.js';

/** /health/live, /health/ready and /metrics, the same on every app. */
@ApiTags('Health')
@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthRegistry,
    private readonly metrics: GatewayMetrics,
  ) {}

  @Public()
  @Get('health/live')
  @ApiOperation({ summary: 'Liveness', description: 'The process answers.' })
  @ApiOkResponse({ type: LivenessDto, example: { status: 'ok' } })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** 200 only when every registered check (database, bus, connector sessions) passes. */
  @Public()
  @Get('health/ready')
  @ApiOperation({
    summary: 'Readiness',
    description: '200 only when every registered check (database, bus, connectors) passes.',
  })
  @ApiOkResponse({
    type: ReadinessDto,
    example: {
      status: 'ready',
      checks: { database: true, bus: true, 'connector:sim-1': true, 'session:sim-1': true },
    },
  })
  @ApiServiceUnavailableResponse({
    type: ReadinessDto,
    description: 'a check fails',
    example: {
      status: 'not ready',
      checks: { database: true, bus: true, 'connector:sim-1': false, 'session:sim-1': false },
    },
  })
  async ready(@Res({ passthrough: true }) response: Response): Promise<Record<string, unknown>> {
    const result = await this.health.evaluate();
    response.status(result.ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { status: result.ready ? 'ready' : 'not ready', checks: result.checks };
  }

  @Public()
  @Get('metrics')
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiOperation({ summary: 'Prometheus metrics', description: 'The text exposition format.' })
  @ApiProduces('text/plain')
  @ApiOkResponse({ schema: { type: 'string' }, example: METRICS_EXAMPLE })
  metricsText(): Promise<string> {
    return this.metrics.text();
  }
}
