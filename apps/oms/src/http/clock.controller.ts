import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Allow, ExchangeClock, Operation } from '@qmt/runtime';

const SESSION_PHASES = [
  'CLOSED',
  'PRE_OPEN',
  'OPENING_AUCTION',
  'OPENING_AUCTION_NO_CANCEL',
  'PRE_CONTINUOUS',
  'CONTINUOUS',
  'LUNCH_BREAK',
  'CLOSING_AUCTION',
  'AFTER_HOURS_FIXED_PRICE',
] as const;

export class ClockDto {
  @ApiProperty({ type: 'string', format: 'date-time', description: 'exchange time, UTC' })
  now!: string;

  @ApiProperty({ description: 'Asia/Shanghai trading day', example: '2026-11-24' })
  tradingDay!: string;

  @ApiProperty({ enum: SESSION_PHASES, example: 'CONTINUOUS' })
  session!: string;

  @ApiProperty({ description: 'true when the sim clock, not the exchange, sets the time' })
  simulated!: boolean;
}

@ApiTags('Reference')
@Controller('v1/clock')
@Allow(Operation.READ_REFERENCE)
export class ClockController {
  constructor(private readonly clock: ExchangeClock) {}

  /** The exchange clock: now, trading day and session phase. */
  @Get()
  @ApiOperation({ summary: 'Read the exchange clock', description: 'Now, trading day, session.' })
  @ApiOkResponse({
    type: ClockDto,
    example: {
      now: '2026-11-24T02:15:00.000Z',
      tradingDay: '2026-11-24',
      session: 'CONTINUOUS',
      simulated: true,
    },
  })
  now(): Record<string, unknown> {
    return {
      now: this.clock.now().toISOString(),
      tradingDay: this.clock.tradingDay(),
      session: this.clock.session(),
      simulated: this.clock.simulated,
    };
  }
}
