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
import { AlgoOrderStore, OrderQueries, OrderStore, createDataSource } from '@qmt/persistence';
import type { DataSource } from 'typeorm';
import { DeskDirectory } from './desk-directory.js';
import { ExchangeClock } from './exchange-clock.js';

export const LOGGER = Symbol('LOGGER');
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
}

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
    const base = [
      { provide: DeskDirectory, useValue: new DeskDirectory(options.desk) },
      { provide: ExchangeClock, useValue: options.clock },
      { provide: GatewayMetrics, useValue: options.metrics },
      { provide: LOGGER, useValue: options.logger },
    ];
    const databaseUrl = options.databaseUrl;
    if (databaseUrl === undefined) {
      return {
        module: RuntimeModule,
        providers: base,
        exports: [DeskDirectory, ExchangeClock, GatewayMetrics, LOGGER],
      };
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
        DatabaseLifecycle,
      ],
      exports: [
        DeskDirectory,
        ExchangeClock,
        GatewayMetrics,
        LOGGER,
        OrderStore,
        OrderQueries,
        AlgoOrderStore,
      ],
    };
  }
}
