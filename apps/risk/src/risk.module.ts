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
import { RiskAdmin } from './controls/risk-admin.js';
import { RiskControls } from './controls/risk-controls.js';
import { AccountOwnership, SoleOwnership } from './lease/account-ownership.js';
import { ExposureBook } from './projection/exposure-book.js';
import { instrumentFacts } from './projection/instrument-facts.js';
import { FlowCounters } from './state/flow-counters.js';
import { ExposureLoader } from './projection/exposure-loader.js';

/**
 * Pre-trade risk: checks, exposure projection, routing to connectors, and the algo runtime that
 * slices VWAP/TWAP parents into children checked like any order. Needs RuntimeModule and
 * MessagingModule.
 */
@Module({
  controllers: [RiskGrpcController],
  providers: [
    {
      provide: ExposureBook,
      useFactory: (desk: DeskDirectory) => new ExposureBook(instrumentFacts(desk)),
      inject: [DeskDirectory],
    },
    { provide: FlowCounters, useFactory: () => new FlowCounters() },
    { provide: AccountOwnership, useFactory: () => new SoleOwnership() },
    RiskControls,
    RiskAdmin,
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
  ],
  exports: [
    RiskCheckService,
    InProcessRiskGateway,
    ExposureBook,
    AlgoEngine,
    AlgoMarketData,
    RiskControls,
    RiskAdmin,
  ],
})
export class RiskModule {}
