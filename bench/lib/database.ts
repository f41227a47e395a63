// A migrated database of the benchmark's own on the local Postgres, dropped afterwards.
import { createDataSource, runMigrations } from '@qmt/persistence';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { DataSource } from 'typeorm';

const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const BENCH_REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface BenchDatabase {
  readonly url: string;
  readonly dataSource: DataSource;
  drop(): Promise<void>;
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function createBenchDatabase(poolSize = 8): Promise<BenchDatabase> {
  const name = `qmt_bench_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  await admin((c) => c.query(`CREATE DATABASE "${name}"`));
  if (process.env.BENCH_LOG_STATEMENTS === '1') {
    // Every statement of the run in the server's log, to count what an order costs.
    await admin((c) => c.query(`ALTER DATABASE "${name}" SET log_min_duration_statement = 0`));
    console.log(`  logging every statement of database ${name} (BENCH_LOG_STATEMENTS=1)`);
  }
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const dataSource = createDataSource({ url: url.toString(), poolSize });
  await dataSource.initialize();
  await runMigrations(dataSource);
  return {
    url: url.toString(),
    dataSource,
    drop: async () => {
      await dataSource.destroy();
      if (process.env.BENCH_KEEP_DATABASE === '1') {
        console.log(`  kept database ${name} (BENCH_KEEP_DATABASE=1)`);
        return;
      }
      await admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}
