import { resolve } from 'node:path';
import { loadDeskConfig, type DeskConfig } from '@qmt/contracts';
import { createDeskApp, type DeskApp, type DeskAppOptions } from '@qmt/desk';
import { createLogger } from '@qmt/observability';
import { createTestDatabase, type TestDatabase } from '@qmt/persistence/testing';
import { freePort } from './ports.js';

const shipped = loadDeskConfig(resolve(import.meta.dirname, '../../config/desk.yaml'));

/**
 * config/desk.yaml as the suites run it: its limits, except that identical orders are not
 * duplicates (the suites send the same marketable buy many times on purpose; the duplicate rule
 * has tests of its own).
 */
export const SHIPPED_DESK: DeskConfig = {
  ...shipped,
  limits: withoutDuplicateWindow(shipped.limits),
};

function withoutDuplicateWindow(limits: unknown): unknown {
  if (typeof limits !== 'object' || limits === null) {
    return limits;
  }
  const document = limits as { global?: Record<string, unknown> };
  return { ...document, global: { ...document.global, duplicateWindowMs: 0 } };
}

export interface TestDesk {
  readonly app: DeskApp;
  readonly db: TestDatabase;
  close(): Promise<void>;
}

/**
 * The all-in-one desk on a database of its own (the in-process bus and risk unless options say
 * otherwise); `prepare` runs against the migrated database before the desk starts.
 */
export async function startTestDesk(
  options: Partial<Omit<DeskAppOptions, 'databaseUrl'>> & {
    prepare?: (databaseUrl: string) => Promise<void>;
  } = {},
): Promise<TestDesk> {
  const db = await createTestDatabase();
  await options.prepare?.(db.url);
  const app = await createDeskApp({
    desk: SHIPPED_DESK,
    risk: { mode: 'in-process' },
    httpPort: 0,
    grpcPort: await freePort(),
    logger: createLogger('silent'),
    ...options,
    databaseUrl: db.url,
  });
  return {
    app,
    db,
    close: async () => {
      await app.close();
      await db.drop();
    },
  };
}
