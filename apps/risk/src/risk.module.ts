import { Module } from '@nestjs/common';
import { DeskDirectory } from '@qmt/runtime';
import { Redis } from 'ioredis';
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
import { AccountLeases, RISK_LEASE_KEY_PREFIX } from './lease/account-leases.js';
import { AccountOwnership, SoleOwnership } from './lease/account-ownership.js';
import { RedisLeaseStore } from './lease/lease-store.js';
import { LossMonitor } from './loss/loss-monitor.js';
import { BookReconciler } from './reconcile/book-reconciler.js';
import { RiskTimers } from './risk-timers.js';
import { ExposureBook } from './projection/exposure-book.js';
import { instrumentFacts } from './projection/instrument-facts.js';
import { FlowCounters } from './state/flow-counters.js';
import { ExposureLoader } from './projection/exposure-loader.js';
import { BookGauges } from './metrics/book-gauges.js';
import { FlowGauges } from './metrics/flow-gauges.js';

/** Several risk instances: each account leased in Redis (docs/risk-service.md "Leases"). */
export interface RiskLeaseOptions {
  readonly redisUrl: string;
  readonly instanceId: string;
  /** Accounts this instance claims first; default every account. */
  readonly preferred?: readonly string[];
  readonly ttlMs?: number;
  readonly keyPrefix?: string;
  readonly takeOver?: boolean;
  /** This instance's gRPC address as others reach it (RISK_ADDRESS), announced in Redis. */
  readonly address?: string;
}

export const RISK_LEASE_OPTIONS = Symbol('RISK_LEASE_OPTIONS');

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
    {
      provide: AccountOwnership,
      useFactory: (desk: DeskDirectory, leases?: RiskLeaseOptions): AccountOwnership =>
        leases === undefined
          ? new SoleOwnership()
          : new AccountLeases(
              new RedisLeaseStore(new Redis(leases.redisUrl, { maxRetriesPerRequest: 2 })),
              {
                instanceId: leases.instanceId,
                preferred: leases.preferred ?? desk.accountIds(),
                accounts: desk.accountIds(),
                ttlMs: leases.ttlMs ?? 10_000,
                keyPrefix: leases.keyPrefix ?? RISK_LEASE_KEY_PREFIX,
                takeOver: leases.takeOver ?? true,
                ...(leases.address === undefined ? {} : { address: leases.address }),
              },
              () => Date.now(),
            ),
      inject: [DeskDirectory, { token: RISK_LEASE_OPTIONS, optional: true }],
    },
    LossMonitor,
    BookReconciler,
    RiskTimers,
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
    BookGauges,
    FlowGauges,
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
