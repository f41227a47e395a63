import { Module } from '@nestjs/common';
import { RiskGrpcController } from './api/risk.grpc.controller.js';
import { InProcessRiskGateway } from './checks/in-process-risk.gateway.js';
import { RiskCheckService } from './checks/risk-check.service.js';
import { ExposureBook } from './projection/exposure-book.js';
import { ExposureLoader } from './projection/exposure-loader.js';

/** Pre-trade risk: checks, exposure projection, routing to connectors. Needs RuntimeModule and MessagingModule. */
@Module({
  controllers: [RiskGrpcController],
  providers: [
    { provide: ExposureBook, useFactory: () => new ExposureBook() },
    RiskCheckService,
    ExposureLoader,
    InProcessRiskGateway,
  ],
  exports: [RiskCheckService, InProcessRiskGateway, ExposureBook],
})
export class RiskModule {}
