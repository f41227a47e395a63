import { createTestDatabase, type TestDatabase } from '@qmt/persistence/testing';
import { createDataSource, schemaDrift } from './data-source.js';

describe('entities and migrations', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('agree: the migrated schema needs no change for the entities', async () => {
    const dataSource = createDataSource({ url: db.url, poolSize: 1 });
    await dataSource.initialize();
    try {
      expect(await schemaDrift(dataSource)).toEqual([]);
    } finally {
      await dataSource.destroy();
    }
  });
});

describe('the drift check', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('reports a column the migrations lack', async () => {
    const dataSource = createDataSource({ url: db.url, poolSize: 1 });
    await dataSource.initialize();
    try {
      await dataSource.query('ALTER TABLE "trades" DROP COLUMN "commission"');
      const drift = await schemaDrift(dataSource);
      expect(drift.join('\n')).toMatch(/ADD "commission"/);
    } finally {
      await dataSource.destroy();
    }
  });
});
