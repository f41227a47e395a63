import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Res,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { OrderService } from '../orders/order.service.js';
import { orderDetailJson, orderJson } from '../orders/order-json.js';
import {
  Allow,
  ApiErrors,
  CurrentPrincipal,
  Operation,
  badField,
  type ErrorExample,
  type Principal,
} from '@qmt/runtime';
import { CreateOrderDto } from './create-order.dto.js';
import {
  CANCEL_REQUESTED_ORDER,
  FILLED_ORDER_DETAIL,
  ORDER_ID_EXAMPLE,
  REJECTED_ORDER,
  ROUTED_ORDER,
} from './order.examples.js';
import { OrderDetailDto, OrderDto } from './order.response.js';

const ORDER_ID_PARAM = ApiParam({
  name: 'orderId',
  description: 'the gateway order id (Q and 18 characters)',
  example: ORDER_ID_EXAMPLE,
});
const BAD_ORDER_ID = badField('orderId', 'orderId must be an order id (Q and 18 characters)');
const ORDER_NOT_FOUND: ErrorExample = {
  code: 'NOT_FOUND',
  message: `order ${ORDER_ID_EXAMPLE} not found`,
};
const RISK_UNAVAILABLE: ErrorExample = {
  code: 'RISK_UNAVAILABLE',
  message: 'the risk service did not answer; the cancel was not routed, ask again',
  orderId: ORDER_ID_EXAMPLE,
};
const CANCEL_ERRORS = ApiErrors({
  400: [BAD_ORDER_ID],
  404: [ORDER_NOT_FOUND],
  409: [
    {
      code: 'ORDER_NOT_CANCELLABLE',
      message: `order ${ORDER_ID_EXAMPLE} is ORDER_SUCCEEDED: a finished order cannot be cancelled`,
    },
    {
      code: 'CANCEL_RATE',
      message: 'cancels of strategy alpha in the last 60 s: 21, the limit is 20',
      orderId: ORDER_ID_EXAMPLE,
      details: { observed: '21', limit: '20' },
    },
  ],
  503: [RISK_UNAVAILABLE],
});
const CANCEL_ACCEPTED = ApiAcceptedResponse({
  type: OrderDto,
  description: 'the cancel is on its way: the order as it stood; its events show 51/52 then 54/53',
  example: CANCEL_REQUESTED_ORDER,
});
const ALGO_CONTROL_ERRORS = ApiErrors({
  400: [BAD_ORDER_ID],
  404: [ORDER_NOT_FOUND],
  409: [
    {
      code: 'NOT_AN_ALGO_PARENT',
      message: `order ${ORDER_ID_EXAMPLE} is not an algo parent: only VWAP/TWAP parents pause and resume`,
    },
    {
      code: 'ALGO_FINISHED',
      message: `algo parent ${ORDER_ID_EXAMPLE} is COMPLETED: it has ended`,
    },
  ],
  503: [
    {
      ...RISK_UNAVAILABLE,
      message: 'the risk service did not answer; the pause was not applied, ask again',
    },
  ],
});
const ALGO_PARENT = { ...ROUTED_ORDER, quantity: 20000 };

@ApiTags('Orders')
@Controller('v1/orders')
export class OrdersController {
  constructor(private readonly orders: OrderService) {}

  /** 201 with the new order (a risk rejection too), 200 for an identical resubmission. */
  @Post()
  @Allow(Operation.SUBMIT_ORDER)
  @ApiOperation({
    summary: 'Submit an order',
    description:
      "The strategy is the caller's. A risk rejection is still 201, with status REJECTED and " +
      'the rule in rejection. Resubmitting the same clientOrderId and body answers the existing ' +
      'order (200); the same clientOrderId with another body is a 409.',
  })
  @ApiCreatedResponse({
    type: OrderDto,
    description: 'the new order: ROUTED, or REJECTED by a risk rule',
    examples: {
      routed: { summary: 'approved and routed', value: ROUTED_ORDER },
      rejected: { summary: 'rejected by a risk rule', value: REJECTED_ORDER },
    },
  })
  @ApiOkResponse({
    type: OrderDto,
    description: 'the same clientOrderId and body again: the order as it is now',
    example: { ...ROUTED_ORDER, status: 'ORDER_REPORTED', xtStatus: 50 },
  })
  @ApiErrors({
    400: [
      badField('quantity', 'quantity must be a positive number'),
      badField('price', 'a LIMIT order needs a price'),
      badField('symbol', 'instrument 999999.SZ is not known to the desk'),
      badField('accountId', 'unknown account SIM-NOWHERE'),
    ],
    403: [
      {
        code: 'ACCOUNT_NOT_PERMITTED',
        message: 'strategy beta may not trade account SIM-CREDIT',
      },
    ],
    409: [
      {
        code: 'DUPLICATE_CLIENT_ORDER_ID',
        message: 'clientOrderId alpha-20261124-0001 was already used for a different order',
        orderId: ORDER_ID_EXAMPLE,
      },
    ],
    503: [
      {
        code: 'RISK_UNAVAILABLE',
        message:
          'the risk service did not answer; the order is held in PENDING_RISK and asked again shortly',
        orderId: ORDER_ID_EXAMPLE,
      },
    ],
  })
  async submit(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateOrderDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<Record<string, unknown>> {
    const result = await this.orders.submit(principal, body);
    response.status(result.created ? HttpStatus.CREATED : HttpStatus.OK);
    return orderJson(result.order);
  }

  /** 202: the cancel is on its way; the order's events show 51/52 then 54/53. */
  @Post(':orderId/cancel')
  @Allow(Operation.CANCEL_ORDER)
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Cancel an order',
    description:
      'Asking again is harmless. A finished order, or one risk is still checking, is a 409; ' +
      'so is a cancel the risk rules refuse (the rule is the code).',
  })
  @ORDER_ID_PARAM
  @CANCEL_ACCEPTED
  @CANCEL_ERRORS
  async cancel(
    @CurrentPrincipal() principal: Principal,
    @Param('orderId') orderId: string,
  ): Promise<Record<string, unknown>> {
    return orderJson(await this.orders.cancel(principal, orderId));
  }

  /** 202: an algo parent stops sending children (its working ones are cancelled) until resumed. */
  @Post(':orderId/pause')
  @Allow(Operation.CONTROL_ALGO)
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Pause an algo parent',
    description: 'Its working children are cancelled; no new ones are sent until it is resumed.',
  })
  @ORDER_ID_PARAM
  @ApiAcceptedResponse({ type: OrderDto, description: 'the parent', example: ALGO_PARENT })
  @ALGO_CONTROL_ERRORS
  async pause(
    @CurrentPrincipal() principal: Principal,
    @Param('orderId') orderId: string,
  ): Promise<Record<string, unknown>> {
    return orderJson(await this.orders.controlAlgo(principal, orderId, 'PAUSE'));
  }

  /** 202: a paused algo parent goes on from its next bucket, catching up as its urgency says. */
  @Post(':orderId/resume')
  @Allow(Operation.CONTROL_ALGO)
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Resume a paused algo parent',
    description: 'It goes on from its next bucket, catching up as its urgency says.',
  })
  @ORDER_ID_PARAM
  @ApiAcceptedResponse({ type: OrderDto, description: 'the parent', example: ALGO_PARENT })
  @ALGO_CONTROL_ERRORS
  async resume(
    @CurrentPrincipal() principal: Principal,
    @Param('orderId') orderId: string,
  ): Promise<Record<string, unknown>> {
    return orderJson(await this.orders.controlAlgo(principal, orderId, 'RESUME'));
  }

  @Delete(':orderId')
  @Allow(Operation.CANCEL_ORDER)
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Cancel an order (same as POST /v1/orders/{orderId}/cancel)' })
  @ORDER_ID_PARAM
  @CANCEL_ACCEPTED
  @CANCEL_ERRORS
  async delete(
    @CurrentPrincipal() principal: Principal,
    @Param('orderId') orderId: string,
  ): Promise<Record<string, unknown>> {
    return this.cancel(principal, orderId);
  }

  @Get(':orderId')
  @Allow(Operation.READ_BLOTTER)
  @ApiOperation({
    summary: 'Read an order with its events and trades',
    description:
      'Every lifecycle event, oldest first, and the fills. An algo parent adds its children and ' +
      "an algo section (schedule, progress, quality, buckets). Another strategy's order is a 404.",
  })
  @ORDER_ID_PARAM
  @ApiOkResponse({ type: OrderDetailDto, example: FILLED_ORDER_DETAIL })
  @ApiErrors({ 400: [BAD_ORDER_ID], 404: [ORDER_NOT_FOUND] })
  async get(
    @CurrentPrincipal() principal: Principal,
    @Param('orderId') orderId: string,
  ): Promise<Record<string, unknown>> {
    const detail = await this.orders.get(principal, orderId);
    const algo = await this.orders.algoDetail(detail);
    return { ...orderDetailJson(detail), ...(algo === null ? {} : { algo }) };
  }
}
