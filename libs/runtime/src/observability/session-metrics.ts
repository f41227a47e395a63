import { Injectable, type OnModuleInit } from '@nestjs/common';
import { GatewayMetrics } from '@qmt/observability';
import { ExchangeClock } from '../exchange-clock.js';

/** Whether the exchange is in continuous trading, so "no fills" alerts know when to expect any. */
@Injectable()
export class SessionMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: GatewayMetrics,
    private readonly clock: ExchangeClock,
  ) {}

  onModuleInit(): void {
    this.metrics.refresh.add('session', () => {
      this.metrics.flow.continuousSession.set(this.clock.session() === 'CONTINUOUS' ? 1 : 0);
    });
  }
}
