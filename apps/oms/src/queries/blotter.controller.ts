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
import { ORDER_PAGE, TRADE_PAGE } from '../http/order.examples.js';
import { OrderPageDto, TradePageDto } from '../http/order.response.js';
import { BlotterService, type JsonPage } from './blotter.service.js';
import { ListOrdersQuery, ListTradesQuery } from './list-query.dto.js';
import { OTHER_STRATEGY } from './query.examples.js';

const LIST_ERRORS = ApiErrors({
  400: [
    badField('cursor', 'cursor is not one this API handed out (use nextCursor as given)'),
    badField('to', 'to must be later than from'),
    badField('limit', 'limit must not be greater than 500'),
  ],
  403: [OTHER_STRATEGY],
});

/** GET /v1/orders and GET /v1/trades. */
@Controller('v1')
@Allow(Operation.READ_BLOTTER)
export class BlotterController {
  constructor(private readonly blotter: BlotterService) {}

  @Get('orders')
  @ApiTags('Orders')
  @ApiOperation({
    summary: 'List orders',
    description:
      'Newest first. A strategy sees only its own; nextCursor pages on until it is null.',
  })
  @ApiOkResponse({ type: OrderPageDto, example: ORDER_PAGE })
  @LIST_ERRORS
  orders(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ListOrdersQuery,
  ): Promise<JsonPage> {
    return this.blotter.orders(principal, query);
  }

  @Get('trades')
  @ApiTags('Trades')
  @ApiOperation({
    summary: 'List trades',
    description: 'Newest first, with the same filters and paging as the order list.',
  })
  @ApiOkResponse({ type: TradePageDto, example: TRADE_PAGE })
  @LIST_ERRORS
  trades(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ListTradesQuery,
  ): Promise<JsonPage> {
    return this.blotter.trades(principal, query);
  }
}
