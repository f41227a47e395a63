import { Controller, Get } from '@nestjs/common';
import { Allow, ExchangeClock, Operation } from '@qmt/runtime';

@Controller('v1/clock')
@Allow(Operation.READ_REFERENCE)
export class ClockController {
  constructor(private readonly clock: ExchangeClock) {}

  /** The exchange clock: now, trading day and session phase. */
  @Get()
  now(): Record<string, unknown> {
    return {
      now: this.clock.now().toISOString(),
      tradingDay: this.clock.tradingDay(),
      session: this.clock.session(),
      simulated: this.clock.simulated,
    };
  }
}
