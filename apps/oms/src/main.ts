// The OMS alone (distributed deployment): HTTP API, stream ingestion, RiskService client over gRPC.
import { Global, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { RiskGateway } from '@qmt/contracts';
import { MessagingModule } from '@qmt/messaging';
import { PinoNestLogger } from '@qmt/observability';
import { createDataSource, runMigrations } from '@qmt/persistence';
import { GrpcRiskGateway, LeaseFollowingRiskGateway, RedisRiskInstances } from '@qmt/risk';
import { Redis } from 'ioredis';
import {
  HealthModule,
  RuntimeModule,
  createValidationPipe,
  httpsOptions,
  limitBodies,
  trimExpressDefaults,
  loadTls,
  serviceContext,
  setupOpenApi,
} from '@qmt/runtime';
import { orderServiceGrpcOptions } from './grpc/grpc-server.js';
import { OmsModule } from './oms.module.js';

async function main(): Promise<void> {
  const context = serviceContext('oms', { database: true });
  const tls = loadTls(context.env);
  const databaseUrl = context.env.DATABASE_URL ?? '';
  // The OMS owns the schema: it applies pending migrations before serving.
  const dataSource = createDataSource({ url: databaseUrl, poolSize: 1 });
  await dataSource.initialize();
  const applied = await runMigrations(dataSource);
  await dataSource.destroy();
  context.logger.info({ applied }, 'database migrated');

  /**
   * RiskService.Check over gRPC, for every module of this process. With Redis, calls follow the
   * account leases of several risk instances (a lone instance never redirects).
   */
  const redisUrl = context.env.REDIS_URL;
  const riskGateway = (): RiskGateway =>
    redisUrl === undefined
      ? new GrpcRiskGateway(context.env.RISK_GRPC_URL)
      : new LeaseFollowingRiskGateway(
          context.env.RISK_GRPC_URL,
          new RedisRiskInstances(
            new Redis(redisUrl, { maxRetriesPerRequest: 2, lazyConnect: true }),
          ),
          (address) => new GrpcRiskGateway(address),
        );
  @Global()
  @Module({
    providers: [{ provide: RiskGateway, useFactory: riskGateway }],
    exports: [RiskGateway],
  })
  class RiskClientModule {}

  @Module({
    imports: [
      RiskClientModule,
      RuntimeModule.forRoot({
        ...context,
        databaseUrl,
        appName: 'qmt-oms',
        deskConfigPath: context.env.DESK_CONFIG,
        ...(context.env.OMS_INGEST_LOOPS === undefined
          ? {}
          : { ingestLoops: context.env.OMS_INGEST_LOOPS }),
      }),
      HealthModule,
      MessagingModule.forRoot({
        driver: 'redis',
        redisUrl: context.env.REDIS_URL,
        onError: (error) => context.logger.error({ err: error }, 'event consumer error (retrying)'),
      }),
      OmsModule,
    ],
  })
  class OmsServiceModule {}

  const https = httpsOptions(tls);
  const app = await NestFactory.create<NestExpressApplication>(OmsServiceModule, {
    logger: new PinoNestLogger(context.logger),
    ...(https === undefined ? {} : { httpsOptions: https }),
  });
  limitBodies(app);
  trimExpressDefaults(app);
  app.useGlobalPipes(createValidationPipe());
  setupOpenApi(app, 'qmt-gateway OMS');
  // Not SIGHUP: that re-reads the API keys (KeyRotation).
  app.enableShutdownHooks(['SIGINT', 'SIGTERM']);
  app.connectMicroservice(orderServiceGrpcOptions(`0.0.0.0:${context.env.GRPC_PORT}`, tls));
  await app.startAllMicroservices();
  await app.listen(context.env.HTTP_PORT, '0.0.0.0');
  context.logger.info(
    {
      http: context.env.HTTP_PORT,
      grpc: context.env.GRPC_PORT,
      risk: context.env.RISK_GRPC_URL,
      tls: tls === null ? 'off' : tls.grpcClientCa === null ? 'on' : 'on, gRPC client certificates',
    },
    'oms listening',
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `oms failed to start: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
