import { Body, Controller, Get, HttpCode, HttpStatus, Post, Put, Req } from '@nestjs/common';
import { ApiBody } from '@nestjs/swagger';
import { Allow, CurrentPrincipal, Operation, peerAddress, type Principal } from '@qmt/runtime';
import type { Request } from 'express';
import { KillSwitchDto } from './kill-switch.dto.js';
import { RiskControlsService, type KillSwitchOutcome } from './risk-controls.service.js';

/** GET/PUT /v1/risk/limits and POST /v1/risk/kill-switch (API.md, docs/risk-service.md). */
@Controller('v1/risk')
export class RiskController {
  constructor(private readonly controls: RiskControlsService) {}

  @Get('limits')
  @Allow(Operation.READ_LIMITS)
  limits(): Promise<{ version: number; limits: unknown }> {
    return this.controls.limits();
  }

  /** The whole document, replaced at once; 400 naming each bad path changes nothing. */
  @Put('limits')
  @Allow(Operation.CHANGE_LIMITS)
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
  @HttpCode(HttpStatus.OK)
  killSwitch(
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
    @Body() body: KillSwitchDto,
  ): Promise<KillSwitchOutcome> {
    return this.controls.setKillSwitch({ principal, ip: peerAddress(request) }, body);
  }
}
