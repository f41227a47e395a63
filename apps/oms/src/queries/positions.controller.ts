import { Controller, Get, Query } from '@nestjs/common';
import { Allow, CurrentPrincipal, Operation, type Principal } from '@qmt/runtime';
import { ListPositionsQuery } from './list-query.dto.js';
import { PositionsService, type PositionJson } from './positions.service.js';

/**
 * GET /v1/positions: each strategy's book (yesterday's holdings from the desk config plus
 * today's fills) beside the broker's own position, per account and symbol (ARCHITECTURE §5).
 */
@Controller('v1/positions')
@Allow(Operation.READ_BLOTTER)
export class PositionsController {
  constructor(private readonly positions: PositionsService) {}

  @Get()
  list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ListPositionsQuery,
  ): Promise<{ items: PositionJson[] }> {
    return this.positions.list(principal, query);
  }
}
