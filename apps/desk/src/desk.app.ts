import type { AddressInfo } from 'node:net';
import { Global, Module, type DynamicModule, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Transport, type MicroserviceOptions } from '@nestjs/microservices';
import { ConnectorModule, ConnectorRuntime } from '@qmt/connector-miniqmt';
import { RiskGateway, protoPath, RISK_PROTO_PACKAGE, type DeskConfig } from '@qmt/contracts';
import { MessagingModule } from '@qmt/messaging';
import { GatewayMetrics, PinoNestLogger, type Logger } from '@qmt/observability';
import { OmsModule, orderServiceGrpcOptions } from '@qmt/oms';
import { createDataSource, runMigrations } from '@qmt/persistence';
import {
  ALGO_RUNTIME_OVERRIDES,
  AlgoMarketData,
  GrpcRiskGateway,
  InProcessRiskGateway,
  RISK_PROTO_LOADER_OPTIONS,
  ReferenceMarketData,
  RiskModule,
  type AlgoRuntimeOptions,
} from '@qmt/risk';
import {
  ExchangeClock,
  HealthModule,
  RuntimeModule,
  createValidationPipe,
  httpsOptions,
  limitBodies,
  trimExpressDefaults,
  setupOpenApi,
  type TlsMaterial,
} from '@qmt/runtime';
import type { NestExpressApplication } from '@nestjs/platform-express';

/**
 * One ingest loop over every account: the desk runs the front door, risk, the connectors and
 * ingestion on one thread, and at a steady rate one loop's larger batches cost fewer statements
 * than four loops of one account each (on this project's 2-core machine the desk held 149
 * instead of 134 gRPC orders/s offered 150/s, p50 111 instead of 940 ms). One loop drains about
 * 11,000 events/s; OMS_INGEST_LOOPS raises it for a desk with bursts beyond that.
 */
export const DESK_INGEST_LOOPS = 1;

export interface DeskAppOptions {
  readonly desk: DeskConfig;
  readonly databaseUrl: string;
  /** Redis Streams + BullMQ on Redis; unset: in-process bus + BullMQ on Postgres. */
  readonly redisUrl?: string;
  /** Where RiskService.Check runs: in this process, or over gRPC on this address. */
  readonly risk: { readonly mode: 'in-process' } | { readonly mode: 'grpc'; readonly port: number };
  readonly httpPort: number;
  /** Port of the public OrderService gRPC server (GRPC_PORT). */
  readonly grpcPort: number;
  readonly logger: Logger;
  readonly metrics?: GatewayMetrics;
  /** Prefix for BullMQ keys (Redis) or schema (Postgres), so tests can share servers. */
  readonly queueNamespace?: string;
  /** The desk file `desk` was read from: re-read for key rotation (SIGHUP, admin endpoint). */
  readonly deskConfigPath?: string;
  /** Certificates (loadTls): HTTPS and gRPC over TLS; null or absent: plain. */
  readonly tls?: TlsMaterial | null;
  /** The exchange clock (default: the desk's mode); tests pass a fast sim clock. */
  readonly clock?: ExchangeClock;
  /** Algo runtime tuning (wall-clock ms), e.g. shorter waits under a fast clock. */
  readonly algo?: Partial<AlgoRuntimeOptions>;
  /** Sim connectors keep their broker state here (DATA_DIR/sim); in memory when unset. */
  readonly simStateDir?: string;
  /** The OMS's ingest consume loops (OMS_INGEST_LOOPS; default DESK_INGEST_LOOPS). */
  readonly ingestLoops?: number;
}

export interface DeskApp {
  readonly app: INestApplication;
  readonly httpUrl: string;
  readonly riskGrpcUrl: string | null;
  readonly grpcUrl: string;
  close(): Promise<void>;
}

/** Migrates the database before any app touches it (migrations only, never synchronize). */
export async function migrateDatabase(url: string): Promise<string[]> {
  const dataSource = createDataSource({ url, poolSize: 1 });
  await dataSource.initialize();
  try {
    return await runMigrations(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

function riskGatewayModule(options: DeskAppOptions): DynamicModule {
  const risk = options.risk;
  const provider =
    risk.mode === 'in-process'
      ? { provide: RiskGateway, useExisting: InProcessRiskGateway }
      : {
          provide: RiskGateway,
          useFactory: () => new GrpcRiskGateway(`127.0.0.1:${risk.port}`),
        };
  @Module({})
  class RiskGatewayModule {}
  return {
    module: RiskGatewayModule,
    global: true,
    imports: [RiskModule],
    providers: [provider],
    exports: [RiskGateway],
  };
}

/** The all-in-one desk: OMS, risk and the connector in one process, same code as the services. */
export async function createDeskApp(options: DeskAppOptions): Promise<DeskApp> {
  const metrics = options.metrics ?? new GatewayMetrics({ app: 'desk' });
  const clockMode = options.desk.connectors.every((c) => c.backend === 'sim')
    ? (options.desk.connectors[0]?.sim.clock ?? 'continuous')
    : 'wall';
  const onError = (error: unknown): void => {
    options.logger.error({ err: error }, 'event consumer error (retrying)');
  };
  const messaging =
    options.redisUrl === undefined
      ? MessagingModule.forRoot({
          driver: 'in-process',
          postgresUrl: options.databaseUrl,
          onError,
          ...(options.queueNamespace === undefined ? {} : { queueSchema: options.queueNamespace }),
        })
      : MessagingModule.forRoot({
          driver: 'redis',
          redisUrl: options.redisUrl,
          onError,
          ...(options.queueNamespace === undefined ? {} : { queuePrefix: options.queueNamespace }),
        });

  @Global()
  @Module({
    providers: [{ provide: ALGO_RUNTIME_OVERRIDES, useValue: options.algo ?? {} }],
    exports: [ALGO_RUNTIME_OVERRIDES],
  })
  class AlgoTuningModule {}

  @Module({
    imports: [
      AlgoTuningModule,
      RuntimeModule.forRoot({
        desk: options.desk,
        databaseUrl: options.databaseUrl,
        logger: options.logger,
        metrics,
        clock: options.clock ?? new ExchangeClock(clockMode),
        appName: 'qmt-desk',
        ...(options.deskConfigPath === undefined ? {} : { deskConfigPath: options.deskConfigPath }),
        ingestLoops: options.ingestLoops ?? DESK_INGEST_LOOPS,
      }),
      HealthModule,
      messaging,
      RiskModule,
      riskGatewayModule(options),
      ConnectorModule.forRoot({
        connectorIds: options.desk.connectors.map((c) => c.id),
        ...(options.simStateDir === undefined ? {} : { simStateDir: options.simStateDir }),
      }),
      OmsModule,
    ],
  })
  class DeskModule {}

  const tls = options.tls ?? null;
  const https = httpsOptions(tls);
  const app = await NestFactory.create<NestExpressApplication>(DeskModule, {
    logger: new PinoNestLogger(options.logger),
    bufferLogs: false,
    abortOnError: false,
    ...(https === undefined ? {} : { httpsOptions: https }),
  });
  limitBodies(app);
  trimExpressDefaults(app);
  // The algo runtime prices children from the sim's live quotes when the sim runs in process.
  const market = app.get(AlgoMarketData, { strict: false });
  if (market instanceof ReferenceMarketData) {
    const connectors = app.get(ConnectorRuntime, { strict: false });
    market.useLiveQuotes((symbol) => {
      for (const { sim } of connectors.simSessions()) {
        const quote = sim.quotes.quote(symbol);
        if (quote !== undefined) {
          return {
            bid: quote.bids[0]?.price ?? null,
            ask: quote.asks[0]?.price ?? null,
            last: quote.last,
          };
        }
      }
      return null;
    });
  }
  app.useGlobalPipes(createValidationPipe());
  setupOpenApi(app, 'qmt-gateway desk');
  let riskGrpcUrl: string | null = null;
  if (options.risk.mode === 'grpc') {
    riskGrpcUrl = `127.0.0.1:${options.risk.port}`;
    app.connectMicroservice<MicroserviceOptions>({
      transport: Transport.GRPC,
      options: {
        package: RISK_PROTO_PACKAGE,
        protoPath: protoPath('risk.proto'),
        url: riskGrpcUrl,
        loader: RISK_PROTO_LOADER_OPTIONS,
      },
    });
  }
  const grpcUrl = `127.0.0.1:${options.grpcPort}`;
  app.connectMicroservice(orderServiceGrpcOptions(`0.0.0.0:${options.grpcPort}`, tls));
  await app.startAllMicroservices();
  await app.listen(options.httpPort, '0.0.0.0');
  const server = app.getHttpServer();
  const address = server.address() as AddressInfo;
  return {
    app,
    httpUrl: `${tls === null ? 'http' : 'https'}://127.0.0.1:${address.port}`,
    riskGrpcUrl,
    grpcUrl,
    close: () => app.close(),
  };
}
