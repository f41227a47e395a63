import { Module } from '@nestjs/common';
import { DeskDirectory } from '@qmt/runtime';
import { AlgoChildren } from './algo/algo-children.js';
import { AlgoEngine } from './algo/algo-engine.service.js';
import { AlgoMarketData } from './algo/algo-market-data.port.js';
import {
  ALGO_RUNTIME_OPTIONS,
  ALGO_RUNTIME_OVERRIDES,
  DEFAULT_ALGO_RUNTIME_OPTIONS,
  type AlgoRuntimeOptions,
} from './algo/algo-runtime.options.js';
import { ReferenceMarketData } from './algo/reference-market-data.js';
import { RiskGrpcController } from './api/risk.grpc.controller.js';
import { InProcessRiskGateway } from './checks/in-process-risk.gateway.js';
import { RiskCheckService } from './checks/risk-check.service.js';
import { ExposureBook } from './projection/exposure-book.js';
import { ExposureLoader } from './projection/exposure-loader.js';
import { BookGauges } from './metrics/book-gauges.js';

/**
 * Pre-trade risk: checks, exposure projection, routing to connectors, and the algo runtime that
 * slices VWAP/TWAP parents into children checked like any order. Needs RuntimeModule and
 * MessagingModule.
 */
@Module({
  controllers: [RiskGrpcController],
  providers: [
    { provide: ExposureBook, useFactory: () => new ExposureBook() },
    RiskCheckService,
    ExposureLoader,
    InProcessRiskGateway,
    {
      provide: ALGO_RUNTIME_OPTIONS,
      useFactory: (overrides?: Partial<AlgoRuntimeOptions>): AlgoRuntimeOptions => ({
        ...DEFAULT_ALGO_RUNTIME_OPTIONS,
        ...overrides,
      }),
      inject: [{ token: ALGO_RUNTIME_OVERRIDES, optional: true }],
    },
    {
      provide: AlgoMarketData,
      useFactory: (desk: DeskDirectory) => new ReferenceMarketData(desk),
      inject: [DeskDirectory],
    },
    AlgoChildren,
    AlgoEngine,
    BookGauges,
  ],
  exports: [RiskCheckService, InProcessRiskGateway, ExposureBook, AlgoEngine, AlgoMarketData],
})
export class RiskModule {}
