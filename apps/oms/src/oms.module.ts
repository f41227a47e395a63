import { Module } from '@nestjs/common';
import { HttpApiModule } from '@qmt/runtime';
import { KeysController } from './admin/keys.controller.js';
import { AuditController } from './audit/audit.controller.js';
import { AuditGrpcController } from './audit/audit.grpc.controller.js';
import { AuditService } from './audit/audit.service.js';
import { AuditVerifier } from './audit/audit-verifier.js';
import { GrpcAccess } from './grpc/grpc-access.js';
import { ClockController } from './http/clock.controller.js';
import { OrdersController } from './http/orders.controller.js';
import { OmsReadiness } from './health/oms-readiness.js';
import { ConnectorStatusBoard } from './ingest/connector-status.board.js';
import { EventPartitionsKeeper } from './ingest/event-partitions.keeper.js';
import { OrderEventsConsumer } from './ingest/order-events.consumer.js';
import { OrderService } from './orders/order.service.js';
import { PendingRiskSweeper } from './orders/pending-risk.sweeper.js';
import { OrdersGrpcController } from './grpc/orders.grpc.controller.js';
import { BlotterController } from './queries/blotter.controller.js';
import { BlotterService } from './queries/blotter.service.js';
import { PositionsController } from './queries/positions.controller.js';
import { PositionsService } from './queries/positions.service.js';
import { ReferenceController } from './queries/reference.controller.js';
import { RiskControlsService } from './risk/risk-controls.service.js';
import { RiskController } from './risk/risk.controller.js';
import { RiskControlsGrpcController } from './risk/risk.grpc.controller.js';
import { StreamController } from './stream/stream.controller.js';
import { UpdateStream } from './stream/update-stream.js';

/**
 * The front door and the desk's memory. Needs RuntimeModule, MessagingModule and a RiskGateway
 * provider (gRPC client, or the in-process risk module in the desk).
 */
@Module({
  imports: [HttpApiModule],
  controllers: [
    OrdersController,
    BlotterController,
    PositionsController,
    ReferenceController,
    ClockController,
    OrdersGrpcController,
    StreamController,
    AuditController,
    AuditGrpcController,
    KeysController,
    RiskController,
    RiskControlsGrpcController,
  ],
  providers: [
    OrderService,
    PendingRiskSweeper,
    BlotterService,
    PositionsService,
    OrderEventsConsumer,
    EventPartitionsKeeper,
    ConnectorStatusBoard,
    OmsReadiness,
    UpdateStream,
    AuditService,
    AuditVerifier,
    GrpcAccess,
    RiskControlsService,
  ],
  exports: [ConnectorStatusBoard],
})
export class OmsModule {}
