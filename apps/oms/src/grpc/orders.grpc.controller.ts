import { Controller, UseInterceptors } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import type { Metadata } from '@grpc/grpc-js';
import {
  ApiError,
  Operation,
  validateInput,
  type Principal,
  RpcContextInterceptor,
} from '@qmt/runtime';
import type { LogPosition } from '@qmt/persistence';
import { CreateOrderDto } from '../http/create-order.dto.js';
import { orderDetailJson, orderJson } from '../orders/order-json.js';
import { OrderService } from '../orders/order.service.js';
import { BlotterService } from '../queries/blotter.service.js';
import { ListOrdersQuery, ListPositionsQuery, ListTradesQuery } from '../queries/list-query.dto.js';
import { PositionsService } from '../queries/positions.service.js';
import { UpdateStream } from '../stream/update-stream.js';
import { parsePosition } from '../stream/updates.js';
import { map, throwError, type Observable } from 'rxjs';
import { GrpcAccess, type GrpcCall } from './grpc-access.js';
import { toRpcError } from './grpc-errors.js';
import {
  orderDetailMessage,
  orderMessage,
  positionMessage,
  tradeMessage,
  updateMessage,
} from './messages.js';

type Message = Record<string, unknown>;

/** Keeps only the fields the sender set (proto3 optional fields arrive absent). */
function present(message: Message, keys: readonly string[]): Message {
  return Object.fromEntries(
    keys.filter((k) => message[k] !== undefined).map((k) => [k, message[k]]),
  );
}

function orderIdOf(request: Message): string {
  return typeof request.orderId === 'string' ? request.orderId : '';
}

/**
 * The message's own fields: proto-loader adds a virtual "_name" oneof for every proto3
 * optional field, which the DTO whitelist would refuse as unknown.
 */
function fieldsOf(message: Message): Message {
  return Object.fromEntries(Object.entries(message).filter(([key]) => !key.startsWith('_')));
}

/** qmt.gateway.v1.OrderService: the HTTP API's services behind gRPC, same checks and errors. */
// Request id and order fields on every log line of a call (global interceptors skip gRPC).
@Controller()
@UseInterceptors(RpcContextInterceptor)
export class OrdersGrpcController {
  constructor(
    private readonly orders: OrderService,
    private readonly blotter: BlotterService,
    private readonly positions: PositionsService,
    private readonly stream: UpdateStream,
    private readonly access: GrpcAccess,
  ) {}

  private read<T>(
    method: string,
    metadata: Metadata,
    work: (principal: Principal) => Promise<T>,
  ): Promise<T> {
    return this.access.run(
      { service: 'OrderService', method, operation: Operation.READ_BLOTTER, metadata },
      work,
    );
  }

  @GrpcMethod('OrderService', 'SubmitOrder')
  submitOrder(request: Message, metadata: Metadata, call?: GrpcCall): Promise<Message> {
    const fields = present(request, [
      'accountId',
      'clientOrderId',
      'symbol',
      'side',
      'orderType',
      'quantity',
      'priceType',
      'price',
      'algo',
    ]);
    if (typeof fields.algo === 'object' && fields.algo !== null) {
      fields.algo = present(fields.algo as Message, [
        'type',
        'startTime',
        'endTime',
        'durationSeconds',
        'maxParticipation',
        'limitPrice',
        'urgency',
      ]);
    }
    const spec = {
      service: 'OrderService',
      method: 'SubmitOrder',
      operation: Operation.SUBMIT_ORDER,
      metadata,
      ...(call === undefined ? {} : { call }),
      audited: { request: fields },
    };
    return this.access.run(spec, async (principal) => {
      if (typeof fields.priceType === 'string' && /^\d+$/.test(fields.priceType)) {
        fields.priceType = Number(fields.priceType);
      }
      const dto = await validateInput(CreateOrderDto, fields);
      const result = await this.orders.submit(principal, dto);
      return orderMessage(orderJson(result.order));
    });
  }

  @GrpcMethod('OrderService', 'CancelOrder')
  cancelOrder(request: Message, metadata: Metadata, call?: GrpcCall): Promise<Message> {
    const orderId = orderIdOf(request);
    const spec = {
      service: 'OrderService',
      method: 'CancelOrder',
      operation: Operation.CANCEL_ORDER,
      metadata,
      ...(call === undefined ? {} : { call }),
      audited: { request: { orderId } },
    };
    return this.access.run(spec, async (principal) => {
      const order = await this.orders.cancel(principal, orderId);
      return orderMessage(orderJson(order));
    });
  }

  @GrpcMethod('OrderService', 'GetOrder')
  getOrder(request: Message, metadata: Metadata): Promise<Message> {
    return this.read('GetOrder', metadata, async (principal) => {
      const detail = await this.orders.get(principal, orderIdOf(request));
      const algo = await this.orders.algoDetail(detail);
      return {
        ...orderDetailMessage(orderDetailJson(detail)),
        ...(algo === null ? {} : { algoJson: JSON.stringify(algo) }),
      };
    });
  }

  @GrpcMethod('OrderService', 'ListOrders')
  listOrders(request: Message, metadata: Metadata): Promise<Message> {
    return this.read('ListOrders', metadata, async (principal) => {
      const query = await validateInput(ListOrdersQuery, fieldsOf(request));
      const page = await this.blotter.orders(principal, query);
      return {
        items: page.items.map(orderMessage),
        ...(page.nextCursor === null ? {} : { nextCursor: page.nextCursor }),
      };
    });
  }

  @GrpcMethod('OrderService', 'ListPositions')
  listPositions(request: Message, metadata: Metadata): Promise<Message> {
    return this.read('ListPositions', metadata, async (principal) => {
      const query = await validateInput(ListPositionsQuery, fieldsOf(request));
      const { items } = await this.positions.list(principal, query);
      return { items: items.map(positionMessage) };
    });
  }

  /** Server streaming: ends only when the client cancels (Nest unsubscribes then). */
  @GrpcMethod('OrderService', 'StreamUpdates')
  streamUpdates(request: Message, metadata: Metadata): Observable<Message> {
    try {
      const principal = this.access.principal(metadata, Operation.READ_BLOTTER);
      let from: LogPosition | null = null;
      if (typeof request.cursor === 'string') {
        from = parsePosition(request.cursor);
        if (from === null) {
          throw ApiError.field('cursor', 'cursor must be the cursor of an update this stream sent');
        }
      }
      return this.stream.updates(principal, from).pipe(map(updateMessage));
    } catch (error) {
      return throwError(() => toRpcError(error));
    }
  }

  @GrpcMethod('OrderService', 'ListTrades')
  listTrades(request: Message, metadata: Metadata): Promise<Message> {
    return this.read('ListTrades', metadata, async (principal) => {
      const query = await validateInput(ListTradesQuery, fieldsOf(request));
      const page = await this.blotter.trades(principal, query);
      return {
        items: page.items.map(tradeMessage),
        ...(page.nextCursor === null ? {} : { nextCursor: page.nextCursor }),
      };
    });
  }
}
