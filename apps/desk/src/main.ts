// npm start: the all-in-one desk on the shipped sim config (README "Quick start").
import { join } from 'node:path';
import { loadDeskConfig } from '@qmt/contracts';
import { createLogger } from '@qmt/observability';
import { loadTls, parseEnv } from '@qmt/runtime';
import { createDeskApp, migrateDatabase } from './desk.app.js';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './embedded-database.js';

const EMBEDDED_POSTGRES_PORT = Number(process.env.EMBEDDED_POSTGRES_PORT ?? 54329);

async function main(): Promise<void> {
  const started = performance.now();
  // embedded-postgres's exit hook stops the process on SIGHUP; here SIGHUP re-reads the API
  // keys (KeyRotation, registered as the app boots), so that hook goes.
  process.removeAllListeners('SIGHUP');
  const env = parseEnv();
  const logger = createLogger(env.LOG_LEVEL, 'desk');
  const desk = loadDeskConfig(env.DESK_CONFIG);
  let embedded: EmbeddedDatabase | null = null;
  let databaseUrl = env.DATABASE_URL;
  if (databaseUrl === undefined) {
    embedded = await startEmbeddedDatabase(env.DATA_DIR, EMBEDDED_POSTGRES_PORT, logger);
    databaseUrl = embedded.url;
  }
  const applied = await migrateDatabase(databaseUrl);
  logger.info({ applied }, 'database migrated');
  const deskApp = await createDeskApp({
    desk,
    databaseUrl,
    ...(env.REDIS_URL === undefined ? {} : { redisUrl: env.REDIS_URL }),
    risk: { mode: 'in-process' },
    httpPort: env.HTTP_PORT,
    grpcPort: env.GRPC_PORT,
    logger,
    deskConfigPath: env.DESK_CONFIG,
    tls: loadTls(env),
    simStateDir: join(env.DATA_DIR, 'sim'),
    ...(env.OMS_INGEST_LOOPS === undefined ? {} : { ingestLoops: env.OMS_INGEST_LOOPS }),
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const scheme = deskApp.httpUrl.startsWith('https:') ? 'https' : 'http';
  const lines = [
    `qmt-gateway desk "${desk.desk.name}" is up in ${seconds} s`,
    `  HTTP API     ${scheme}://127.0.0.1:${env.HTTP_PORT}/v1/orders`,
    `  gRPC API     127.0.0.1:${env.GRPC_PORT} (qmt.gateway.v1.OrderService)`,
    `  health       ${scheme}://127.0.0.1:${env.HTTP_PORT}/health/ready`,
    `  metrics      ${scheme}://127.0.0.1:${env.HTTP_PORT}/metrics`,
    `  database     ${embedded === null ? 'DATABASE_URL' : `embedded PostgreSQL under ${env.DATA_DIR}/postgres`}`,
    `  bus          ${env.REDIS_URL === undefined ? 'in-process (BullMQ on PostgreSQL)' : 'Redis Streams + BullMQ on Redis'}`,
    `  try          curl -H 'Authorization: Bearer dev-alpha' ${scheme}://127.0.0.1:${env.HTTP_PORT}/v1/clock`,
    '  stop         Ctrl-C',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) {
      return;
    }
    stopping = true;
    logger.info({ signal }, 'stopping the desk');
    await deskApp.close();
    await embedded?.stop();
    logger.info('desk stopped');
    process.exit(0);
  };
  // embedded-postgres installs its own SIGINT/SIGTERM hooks that stop the database at once,
  // under the running app; the desk stops the app first, then the database.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => void stop(signal));
  }
}

main().catch((error: unknown) => {
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`desk failed to start: ${detail}\n`);
  process.exit(1);
});
