import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { Allow, ApiError, Operation } from '@qmt/runtime';
import { IsNumber, IsOptional, IsPositive, Matches } from 'class-validator';
import { ConnectorRuntime } from '../connector.runtime.js';

export class SimTickDto {
  @ApiProperty({ example: '000001.SZ' })
  @Matches(/^[A-Za-z0-9]{1,12}\.[A-Z]{2,3}$/, { message: 'symbol must look like 600000.SH' })
  symbol!: string;

  @ApiProperty({ description: 'yuan', example: 11.44 })
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 4 })
  @IsPositive()
  lastPrice!: number;

  @ApiPropertyOptional({ description: 'yuan; default last − 1 tick' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 4 })
  @IsPositive()
  bid?: number;

  @ApiPropertyOptional({ description: 'yuan; default last + 1 tick' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 4 })
  @IsPositive()
  ask?: number;
}

/** Control API of the simulated miniQMT (sim backend only; API.md `/v1/sim/*`). */
@Controller('v1/sim')
export class SimControlController {
  constructor(private readonly runtime: ConnectorRuntime) {}

  /** Sets a quote on every sim session that trades the symbol; crossing resting orders fill. */
  @Post('ticks')
  @Allow(Operation.SIM_CONTROL)
  @HttpCode(HttpStatus.OK)
  tick(@Body() tick: SimTickDto): { symbol: string; sessions: string[] } {
    if (tick.bid !== undefined && tick.ask !== undefined && tick.bid > tick.ask) {
      throw ApiError.field('bid', `bid ${tick.bid} is above ask ${tick.ask}`);
    }
    const sessions = this.runtime
      .simSessions()
      .filter(({ sim }) => sim.quotes.instrument(tick.symbol) !== undefined);
    if (sessions.length === 0) {
      throw ApiError.field('symbol', `no sim session trades ${tick.symbol}`);
    }
    for (const { sim } of sessions) {
      sim.setQuote(tick.symbol, tick.lastPrice, tick.bid, tick.ask);
    }
    return { symbol: tick.symbol, sessions: sessions.map((s) => s.connectorId) };
  }
}
