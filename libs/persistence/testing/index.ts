// Test databases (STYLE §2.7, after Immich): migrations run once into a template database; each
// test file clones its own database from it and drops it afterwards.
import { createHash, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { createDataSource, runMigrations } from '../src/data-source.js';
import type { NewOrderEvent } from '../src/repositories/order-ledger.js';
import type { NewOrder } from '../src/repositories/order-records.js';

export const TEST_POSTGRES_ADMIN_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const MIGRATIONS_DIR = resolve(import.meta.dirname, '../../../migrations');

/** Template name derived from the migration sources, so a changed migration gets a new template. */
export function templateDatabaseName(): string {
  const hash = createHash('sha256');
  for (const file of readdirSync(MIGRATIONS_DIR)
    .filter((f) => f.endsWith('.ts'))
    .sort()) {
    hash.update(file).update(readFileSync(join(MIGRATIONS_DIR, file)));
  }
  return `qmt_tpl_${hash.digest('hex').slice(0, 16)}`;
}

export function databaseUrl(name: string): string {
  const url = new URL(TEST_POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function databaseExists(client: pg.Client, name: string): Promise<boolean> {
  const result = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  return result.rowCount === 1;
}

export interface TestDatabase {
  readonly name: string;
  readonly url: string;
  drop(): Promise<void>;
}

let templateReady: Promise<string> | undefined;

/**
 * Builds the migrated template once per migration set. Test files run in parallel workers, so an
 * advisory lock makes one of them build it while the others wait.
 */
export function ensureTemplateDatabase(): Promise<string> {
  templateReady ??= withAdmin(async (client) => {
    const template = templateDatabaseName();
    await client.query('SELECT pg_advisory_lock(7310042)');
    try {
      if (!(await databaseExists(client, template))) {
        const building = `${template}_build`;
        await client.query(`DROP DATABASE IF EXISTS "${building}"`);
        await client.query(`CREATE DATABASE "${building}"`);
        const dataSource = createDataSource({ url: databaseUrl(building), poolSize: 1 });
        await dataSource.initialize();
        await runMigrations(dataSource);
        await dataSource.destroy();
        await client.query(`ALTER DATABASE "${building}" RENAME TO "${template}"`);
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock(7310042)');
    }
    return template;
  });
  return templateReady;
}

/** A fresh, migrated database of its own for one test file. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const template = await ensureTemplateDatabase();
  const name = `qmt_t_${randomUUID().replace(/-/g, '').slice(0, 20)}`;
  await withAdmin(async (client) => {
    await client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  });
  return {
    name,
    url: databaseUrl(name),
    drop: () =>
      withAdmin(async (client) => {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      }),
  };
}

/** A test database of its own with a DataSource initialized on it; close() ends both. */
export interface TestDataSource {
  readonly db: TestDatabase;
  readonly dataSource: DataSource;
  close(): Promise<void>;
}

export async function openTestDataSource(poolSize = 2): Promise<TestDataSource> {
  const db = await createTestDatabase();
  const dataSource = createDataSource({ url: db.url, poolSize });
  await dataSource.initialize();
  return {
    db,
    dataSource,
    close: async () => {
      await dataSource.destroy();
      await db.drop();
    },
  };
}

/** A new order as the OMS writes it, with overridable fields (a test builder). */
export function aNewOrder(overrides: Partial<NewOrder> = {}): NewOrder {
  return {
    orderId: 'Q000000000000000001',
    clientOrderId: 'c-1',
    requestHash: 'h',
    accountId: 'SIM-STOCK',
    strategyId: 'alpha',
    symbol: '000001.SZ',
    side: 'BUY',
    orderType: 23,
    priceType: 11,
    price: 116000,
    quantity: 100,
    parentId: null,
    createdAt: new Date('2026-11-24T02:00:00Z'),
    ...overrides,
  };
}

/** The CREATED event the OMS writes with an order. */
export function aCreatedEvent(order: NewOrder): NewOrderEvent {
  return {
    eventId: `created:${order.orderId}`,
    orderId: order.orderId,
    accountId: order.accountId,
    type: 'CREATED',
    source: 'oms',
    payload: {},
    ts: order.createdAt,
  };
}
