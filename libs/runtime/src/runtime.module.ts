import {
  Global,
  Inject,
  Injectable,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { DeskConfig } from '@qmt/contracts';
import { GatewayMetrics, type Logger } from '@qmt/observability';
import {
  AlgoOrderStore,
  AuditLog,
  OrderQueries,
  OrderStore,
  RiskControlStore,
  createDataSource,
} from '@qmt/persistence';
import type { DataSource } from 'typeorm';
import { DeskDirectory } from './desk-directory.js';
import { ExchangeClock } from './exchange-clock.js';
import { LOGGER } from './logger.token.js';
import { AuditSealer } from './audit/audit-sealer.js';
import { AuditTrail } from './audit/audit-trail.js';
import { Authenticator } from './security/authenticator.js';
import { DESK_CONFIG_PATH, KeyRotation } from './security/key-rotation.js';
import { RateLimiter } from './security/rate-limiter.js';

export { LOGGER };
const DATA_SOURCE = Symbol('DATA_SOURCE');

export interface RuntimeOptions {
  readonly desk: DeskConfig;
  /** Unset for apps without Postgres (the connector). */
  readonly databaseUrl?: string;
  readonly logger: Logger;
  readonly metrics: GatewayMetrics;
  readonly clock: ExchangeClock;
  readonly appName: string;
  readonly poolSize?: number;
  /** The desk file, re-read for key rotation (SIGHUP, POST /v1/admin/keys/reload). */
  readonly deskConfigPath?: string;
  /** The OMS's ingest consume loops (OMS_INGEST_LOOPS; the OMS's default when unset). */
  readonly ingestLoops?: number;
}

/** Injection token: how many consume loops the OMS runs over the account streams. */
export const INGEST_LOOP_COUNT = Symbol('INGEST_LOOP_COUNT');

/** Closes the database pool when the application shuts down. */
@Injectable()
export class DatabaseLifecycle implements OnApplicationShutdown {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) {
      await this.dataSource.destroy();
    }
  }
}

/** What every app shares: the desk, the clock, metrics, logs and the order store. */
@Global()
@Module({})
export class RuntimeModule {
  static forRoot(options: RuntimeOptions): DynamicModule {
    const directory = new DeskDirectory(options.desk);
    options.clock.useCalendar(directory.isTradingDay);
    const limiter = new RateLimiter(directory);
    const base = [
      { provide: DeskDirectory, useValue: directory },
      { provide: ExchangeClock, useValue: options.clock },
      { provide: GatewayMetrics, useValue: options.metrics },
      { provide: LOGGER, useValue: options.logger },
      { provide: RateLimiter, useValue: limiter },
      { provide: Authenticator, useValue: new Authenticator(directory, limiter) },
      { provide: DESK_CONFIG_PATH, useValue: options.deskConfigPath ?? null },
      { provide: INGEST_LOOP_COUNT, useValue: options.ingestLoops ?? null },
      KeyRotation,
    ];
    const baseExports = [
      INGEST_LOOP_COUNT,
      DeskDirectory,
      ExchangeClock,
      GatewayMetrics,
      LOGGER,
      RateLimiter,
      Authenticator,
      KeyRotation,
    ];
    const databaseUrl = options.databaseUrl;
    if (databaseUrl === undefined) {
      return { module: RuntimeModule, providers: base, exports: baseExports };
    }
    return {
      module: RuntimeModule,
      providers: [
        ...base,
        {
          provide: DATA_SOURCE,
          useFactory: async () => {
            const dataSource = createDataSource({
              url: databaseUrl,
              poolSize: options.poolSize ?? 10,
              applicationName: options.appName,
            });
            await dataSource.initialize();
            return dataSource;
          },
        },
        {
          provide: OrderStore,
          useFactory: (dataSource: DataSource) => new OrderStore(dataSource),
          inject: [DATA_SOURCE],
        },
        {
          provide: AlgoOrderStore,
          useFactory: (dataSource: DataSource) => new AlgoOrderStore(dataSource),
          inject: [DATA_SOURCE],
        },
        {
          provide: OrderQueries,
          useFactory: (dataSource: DataSource) => new OrderQueries(dataSource),
          inject: [DATA_SOURCE],
        },
        {
          provide: RiskControlStore,
          useFactory: (dataSource: DataSource) => new RiskControlStore(dataSource),
          inject: [DATA_SOURCE],
        },
        {
          provide: AuditLog,
          useFactory: (dataSource: DataSource) => new AuditLog(dataSource),
          inject: [DATA_SOURCE],
        },
        {
          provide: AuditTrail,
          useFactory: (log: AuditLog) => new AuditTrail(log, () => options.clock.now()),
          inject: [AuditLog],
        },
        AuditSealer,
        DatabaseLifecycle,
      ],
      exports: [
        ...baseExports,
        OrderStore,
        OrderQueries,
        AuditLog,
        AuditTrail,
        AlgoOrderStore,
        RiskControlStore,
      ],
    };
  }
}
