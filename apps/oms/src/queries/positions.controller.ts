import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  Allow,
  ApiErrors,
  CurrentPrincipal,
  Operation,
  badField,
  type Principal,
} from '@qmt/runtime';
import { ListPositionsQuery } from './list-query.dto.js';
import { PositionsService, type PositionJson } from './positions.service.js';
import { OTHER_STRATEGY, POSITIONS } from './query.examples.js';
import { PositionListDto } from './query.response.js';

/**
 * GET /v1/positions: each strategy's book (yesterday's holdings from the desk config plus
 * today's fills) beside the broker's own position, per account and symbol (ARCHITECTURE §5).
 */
@ApiTags('Positions')
@Controller('v1/positions')
@Allow(Operation.READ_BLOTTER)
export class PositionsController {
  constructor(private readonly positions: PositionsService) {}

  @Get()
  @ApiOperation({
    summary: 'List positions per account and symbol',
    description:
      "Each strategy's book beside the broker's own position; shares no strategy owns are the " +
      'unallocated book (strategyId null). A strategy sees only its own book.',
  })
  @ApiOkResponse({ type: PositionListDto, example: POSITIONS })
  @ApiErrors({
    400: [badField('accountId', 'accountId must be a desk account id')],
    403: [OTHER_STRATEGY],
  })
  list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ListPositionsQuery,
  ): Promise<{ items: PositionJson[] }> {
    return this.positions.list(principal, query);
  }
}
