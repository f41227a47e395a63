import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ApiKeyGuard } from './http/auth.guard.js';
import { ApiErrorFilter } from './http/error.filter.js';
import { ClockController } from './http/clock.controller.js';
import { OrdersController } from './http/orders.controller.js';
import { OmsReadiness } from './health/oms-readiness.js';
import { ConnectorStatusBoard } from './ingest/connector-status.board.js';
import { OrderEventsConsumer } from './ingest/order-events.consumer.js';
import { OrderService } from './orders/order.service.js';
import { BlotterController } from './queries/blotter.controller.js';
import { PositionsController } from './queries/positions.controller.js';
import { ReferenceController } from './queries/reference.controller.js';

/**
 * The front door and the desk's memory. Needs RuntimeModule, MessagingModule and a RiskGateway
 * provider (gRPC client, or the in-process risk module in the desk).
 */
@Module({
  controllers: [
    OrdersController,
    BlotterController,
    PositionsController,
    ReferenceController,
    ClockController,
  ],
  providers: [
    OrderService,
    OrderEventsConsumer,
    ConnectorStatusBoard,
    OmsReadiness,
    { provide: APP_GUARD, useClass: ApiKeyGuard },
    { provide: APP_FILTER, useClass: ApiErrorFilter },
  ],
  exports: [ConnectorStatusBoard],
})
export class OmsModule {}
