// The risk service alone: RiskService.Check over gRPC, exposure from Postgres and the streams,
// routing to connectors over BullMQ; /health and /metrics on RISK_HTTP_PORT.
import { Global, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Transport, type MicroserviceOptions } from '@nestjs/microservices';
import { RISK_PROTO_PACKAGE, protoPath } from '@qmt/contracts';
import { MessagingModule } from '@qmt/messaging';
import { PinoNestLogger } from '@qmt/observability';
import { HealthModule, RuntimeModule, serviceContext } from '@qmt/runtime';
import { RISK_PROTO_LOADER_OPTIONS } from './api/grpc-risk.gateway.js';
import { RISK_LEASE_OPTIONS, RiskModule, type RiskLeaseOptions } from './risk.module.js';

async function main(): Promise<void> {
  const context = serviceContext('risk', { database: true });
  // Several risk instances: RISK_INSTANCE_ID names this one, RISK_ACCOUNTS the accounts it claims
  // first (default all); each account is then leased in Redis (docs/risk-service.md "Leases"),
  // and RISK_ADDRESS (default 127.0.0.1:RISK_GRPC_PORT) is where an OMS sends an account's
  // checks once this instance owns it.
  const instanceId = process.env['RISK_INSTANCE_ID'];
  const preferred = process.env['RISK_ACCOUNTS']?.split(',').filter((a) => a !== '');
  const address = process.env['RISK_ADDRESS'] ?? `127.0.0.1:${context.env.RISK_GRPC_PORT}`;
  const leases: RiskLeaseOptions | null =
    instanceId === undefined || instanceId === ''
      ? null
      : {
          redisUrl: context.env.REDIS_URL,
          instanceId,
          address,
          ...(preferred === undefined ? {} : { preferred }),
        };

  @Global()
  @Module({
    providers: leases === null ? [] : [{ provide: RISK_LEASE_OPTIONS, useValue: leases }],
    exports: leases === null ? [] : [RISK_LEASE_OPTIONS],
  })
  class RiskLeaseModule {}

  @Module({
    imports: [
      RiskLeaseModule,
      RuntimeModule.forRoot({
        ...context,
        databaseUrl: context.env.DATABASE_URL ?? '',
        appName: 'qmt-risk',
      }),
      HealthModule,
      MessagingModule.forRoot({
        driver: 'redis',
        redisUrl: context.env.REDIS_URL,
        onError: (error) => context.logger.error({ err: error }, 'event consumer error (retrying)'),
      }),
      RiskModule,
    ],
  })
  class RiskServiceModule {}

  const app = await NestFactory.create(RiskServiceModule, {
    logger: new PinoNestLogger(context.logger),
  });
  // Not SIGHUP: that re-reads the API keys (KeyRotation).
  app.enableShutdownHooks(['SIGINT', 'SIGTERM']);
  app.connectMicroservice<MicroserviceOptions>({
    transport: Transport.GRPC,
    options: {
      package: RISK_PROTO_PACKAGE,
      protoPath: protoPath('risk.proto'),
      url: `0.0.0.0:${context.env.RISK_GRPC_PORT}`,
      loader: RISK_PROTO_LOADER_OPTIONS,
    },
  });
  await app.startAllMicroservices();
  await app.listen(context.env.RISK_HTTP_PORT, '0.0.0.0');
  context.logger.info(
    { grpc: context.env.RISK_GRPC_PORT, http: context.env.RISK_HTTP_PORT },
    'risk listening',
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `risk failed to start: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
