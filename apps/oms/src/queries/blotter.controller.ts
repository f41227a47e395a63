import { Controller, Get, Query } from '@nestjs/common';
import { Allow, CurrentPrincipal, Operation, type Principal } from '@qmt/runtime';
import { BlotterService, type JsonPage } from './blotter.service.js';
import { ListOrdersQuery, ListTradesQuery } from './list-query.dto.js';

/** GET /v1/orders and GET /v1/trades. */
@Controller('v1')
@Allow(Operation.READ_BLOTTER)
export class BlotterController {
  constructor(private readonly blotter: BlotterService) {}

  @Get('orders')
  orders(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ListOrdersQuery,
  ): Promise<JsonPage> {
    return this.blotter.orders(principal, query);
  }

  @Get('trades')
  trades(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ListTradesQuery,
  ): Promise<JsonPage> {
    return this.blotter.trades(principal, query);
  }
}
