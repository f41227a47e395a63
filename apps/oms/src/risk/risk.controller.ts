import { Body, Controller, Get, HttpCode, HttpStatus, Post, Put, Req } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  Allow,
  ApiErrors,
  CurrentPrincipal,
  Operation,
  badField,
  peerAddress,
  type Principal,
} from '@qmt/runtime';
import type { Request } from 'express';
import { KillSwitchDto } from './kill-switch.dto.js';
import {
  KILL_SWITCH_EXAMPLE,
  KillSwitchResponseDto,
  LIMITS_EXAMPLE,
  LimitsResponseDto,
} from './risk.response.js';
import { RiskControlsService, type KillSwitchOutcome } from './risk-controls.service.js';

/** GET/PUT /v1/risk/limits and POST /v1/risk/kill-switch (API.md, docs/risk-service.md). */
@ApiTags('Risk')
@Controller('v1/risk')
export class RiskController {
  constructor(private readonly controls: RiskControlsService) {}

  @Get('limits')
  @Allow(Operation.READ_LIMITS)
  @ApiOperation({
    summary: 'Read the risk limits',
    description: 'The limit document in force and its version.',
  })
  @ApiOkResponse({ type: LimitsResponseDto, example: LIMITS_EXAMPLE })
  @ApiErrors({
    503: [
      {
        code: 'RISK_UNAVAILABLE',
        message: 'the risk service did not answer; nothing was changed, ask again',
      },
    ],
  })
  limits(): Promise<{ version: number; limits: unknown }> {
    return this.controls.limits();
  }

  /** The whole document, replaced at once; 400 naming each bad path changes nothing. */
  @Put('limits')
  @Allow(Operation.CHANGE_LIMITS)
  @ApiOperation({
    summary: 'Replace the risk limits',
    description: 'Takes effect at once in every risk instance; audited with before and after.',
  })
  @ApiOkResponse({ type: LimitsResponseDto, example: { ...LIMITS_EXAMPLE, version: 2 } })
  @ApiErrors({
    400: [badField('global.maxPositionShare', 'must be at most 1')],
    503: [
      {
        code: 'RISK_UNAVAILABLE',
        message: 'the risk service did not answer; nothing was changed, ask again',
      },
    ],
  })
  @ApiBody({ description: 'the limit document (docs/risk-service.md)', schema: { type: 'object' } })
  setLimits(
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
    @Body() body: Record<string, unknown>,
  ): Promise<{ version: number; limits: unknown }> {
    return this.controls.setLimits({ principal, ip: peerAddress(request) }, body);
  }

  @Post('kill-switch')
  @Allow(Operation.KILL_SWITCH)
  @ApiOperation({
    summary: 'Set the kill switch',
    description:
      'ACTIVE, REDUCE_ONLY or HALTED at global, account or strategy scope; optionally cancels open orders.',
  })
  @ApiOkResponse({ type: KillSwitchResponseDto, example: KILL_SWITCH_EXAMPLE })
  @ApiErrors({
    400: [badField('scope.id', 'an account or strategy scope needs its id')],
    503: [
      {
        code: 'RISK_UNAVAILABLE',
        message: 'the risk service did not answer; nothing was changed, ask again',
      },
    ],
  })
  @HttpCode(HttpStatus.OK)
  killSwitch(
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
    @Body() body: KillSwitchDto,
  ): Promise<KillSwitchOutcome> {
    return this.controls.setKillSwitch({ principal, ip: peerAddress(request) }, body);
  }
}
