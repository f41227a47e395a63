import {
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { Allow, ApiError, ApiErrors, Operation, badField } from '@qmt/runtime';
import { IsNumber, IsOptional, IsPositive, Matches } from 'class-validator';
import { ConnectorRuntime } from '../connector.runtime.js';
import { SimFaultsResultDto, SimTickResultDto } from './sim-control.response.js';
import { SimFaultsDto } from './sim-faults.dto.js';
import { NO_FAULTS, type SimFaults } from './sim-faults.js';

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
@ApiTags('Simulator')
@Controller('v1/sim')
export class SimControlController {
  constructor(private readonly runtime: ConnectorRuntime) {}

  /** Sets a quote on every sim session that trades the symbol; crossing resting orders fill. */
  @Post('ticks')
  @Allow(Operation.SIM_CONTROL)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Set a quote on the simulator',
    description: 'Every sim session that trades the symbol takes it; crossing resting orders fill.',
  })
  @ApiOkResponse({ type: SimTickResultDto, example: { symbol: '000001.SZ', sessions: ['sim-1'] } })
  @ApiErrors({
    400: [
      badField('symbol', 'no sim session trades 999999.SZ'),
      badField('bid', 'bid 11.5 is above ask 11.4'),
      badField('lastPrice', 'lastPrice must be a positive number'),
    ],
  })
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

  /** Sets faults on sim sessions and runs one-shot actions (docs/simulator.md). */
  @Post('faults')
  @Allow(Operation.SIM_CONTROL)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Inject faults into the simulator',
    description:
      'Sets fault rates and switches (omitted ones keep their value) and runs one-shot actions: ' +
      'a disconnect, an account status push. Answers what each session does now.',
  })
  @ApiOkResponse({
    type: SimFaultsResultDto,
    example: { sessions: [{ connectorId: 'sim-1', faults: { ...NO_FAULTS, rejectRate: 0.1 } }] },
  })
  @ApiErrors({
    400: [
      badField('connectorId', 'no sim connector sim-9'),
      badField('accountStatus', 'accountStatusOf and accountStatus go together'),
      badField('rejectRate', 'rejectRate must not be greater than 1'),
    ],
  })
  faults(@Body() body: SimFaultsDto): { sessions: { connectorId: string; faults: SimFaults }[] } {
    const sessions = this.runtime
      .simSessions()
      .filter(
        ({ connectorId }) => body.connectorId === undefined || connectorId === body.connectorId,
      );
    if (sessions.length === 0) {
      throw ApiError.field('connectorId', `no sim connector ${body.connectorId ?? ''}`.trim());
    }
    if ((body.accountStatusOf === undefined) !== (body.accountStatus === undefined)) {
      throw ApiError.field('accountStatus', 'accountStatusOf and accountStatus go together');
    }
    const { disconnect, downForMs, accountStatusOf, accountStatus } = body;
    const settings = faultSettings(body);
    return {
      sessions: sessions.map(({ connectorId, sim }) => {
        const faults = sim.setFaults(settings);
        if (accountStatusOf !== undefined && accountStatus !== undefined) {
          sim.pushAccountStatus(accountStatusOf, accountStatus);
        }
        if (disconnect === true) {
          sim.dropConnection(downForMs ?? 0);
        }
        return { connectorId, faults };
      }),
    };
  }
}

const FAULT_KEYS = [
  'rejectRate',
  'rejectReason',
  'duplicateRate',
  'tradeBeforeOrder',
  'orderBeforeAsyncResponse',
  'lostAsyncResponseRate',
  'placeMinusOneRate',
  'cancelLies',
  'priceTypeEcho',
  'unknownStatusRate',
  'lingeringSession',
  'placeHangMs',
  'reusedRemarkAnswersOldId',
] as const satisfies readonly (keyof SimFaults)[];

/** The fault settings a request gives (omitted ones keep their value). */
function faultSettings(body: SimFaultsDto): Partial<SimFaults> {
  const settings: Record<string, unknown> = {};
  for (const key of FAULT_KEYS) {
    if (body[key] !== undefined) {
      settings[key] = body[key];
    }
  }
  return settings;
}
