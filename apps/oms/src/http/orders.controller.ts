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
import type { Response } from 'express';
import { OrderService } from '../orders/order.service.js';
import { orderDetailJson, orderJson } from '../orders/order-json.js';
import { Allow, CurrentPrincipal, Operation, type Principal } from '@qmt/runtime';
import { CreateOrderDto } from './create-order.dto.js';

@Controller('v1/orders')
export class OrdersController {
  constructor(private readonly orders: OrderService) {}

  /** 201 with the new order (a risk rejection too), 200 for an identical resubmission. */
  @Post()
  @Allow(Operation.SUBMIT_ORDER)
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
  async resume(
    @CurrentPrincipal() principal: Principal,
    @Param('orderId') orderId: string,
  ): Promise<Record<string, unknown>> {
    return orderJson(await this.orders.controlAlgo(principal, orderId, 'RESUME'));
  }

  @Delete(':orderId')
  @Allow(Operation.CANCEL_ORDER)
  @HttpCode(HttpStatus.ACCEPTED)
  async delete(
    @CurrentPrincipal() principal: Principal,
    @Param('orderId') orderId: string,
  ): Promise<Record<string, unknown>> {
    return this.cancel(principal, orderId);
  }

  @Get(':orderId')
  @Allow(Operation.READ_BLOTTER)
  async get(
    @CurrentPrincipal() principal: Principal,
    @Param('orderId') orderId: string,
  ): Promise<Record<string, unknown>> {
    const detail = await this.orders.get(principal, orderId);
    const algo = await this.orders.algoDetail(detail);
    return { ...orderDetailJson(detail), ...(algo === null ? {} : { algo }) };
  }
}
