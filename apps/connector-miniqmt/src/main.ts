// One connector alone (CONNECTOR_ID, default the desk's only connector): session, route worker,
// events to Redis Streams; /health and /metrics on CONNECTOR_HTTP_PORT.
import { join } from 'node:path';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MessagingModule } from '@qmt/messaging';
import { PinoNestLogger, useAsyncLogContext } from '@qmt/observability';
import {
  HealthModule,
  HttpApiModule,
  RuntimeModule,
  createValidationPipe,
  serviceContext,
} from '@qmt/runtime';
import { ConnectorModule } from './connector.module.js';

async function main(): Promise<void> {
  // Throughput over log fields: async context costs a fifth of the CPU per route job on Node 20
  // (useAsyncLogContext); the connector's events carry the request id explicitly.
  useAsyncLogContext(false);
  const context = serviceContext('connector', { database: false });
  const connectors = context.desk.connectors.map((c) => c.id);
  const connectorId =
    context.env.CONNECTOR_ID ?? (connectors.length === 1 ? connectors[0] : undefined);
  if (connectorId === undefined || !connectors.includes(connectorId)) {
    throw new Error(`set CONNECTOR_ID to one of ${connectors.join(', ')}`);
  }

  @Module({
    imports: [
      RuntimeModule.forRoot({
        ...context,
        appName: `qmt-connector-${connectorId}`,
        deskConfigPath: context.env.DESK_CONFIG,
      }),
      HealthModule,
      HttpApiModule,
      MessagingModule.forRoot({ driver: 'redis', redisUrl: context.env.REDIS_URL }),
      ConnectorModule.forRoot({
        connectorIds: [connectorId],
        simStateDir: join(context.env.DATA_DIR, 'sim'),
      }),
    ],
  })
  class ConnectorServiceModule {}

  const app = await NestFactory.create(ConnectorServiceModule, {
    logger: new PinoNestLogger(context.logger),
  });
  app.useGlobalPipes(createValidationPipe());
  // Not SIGHUP: that re-reads the API keys (KeyRotation).
  app.enableShutdownHooks(['SIGINT', 'SIGTERM']);
  await app.listen(context.env.CONNECTOR_HTTP_PORT, '0.0.0.0');
  context.logger.info(
    { connectorId, http: context.env.CONNECTOR_HTTP_PORT },
    'connector listening',
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `connector failed to start: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
