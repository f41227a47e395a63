// The audit log against real Postgres: the chain, serialised appends from two pools, the
// database's own append-only guard, and tamper detection with the guard lifted.
import { AuditType, type AuditEntry, type AuditRecord } from '@qmt/domain';
import { createTestDatabase, type TestDatabase } from '@qmt/persistence/testing';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../data-source.js';
import { AuditLedger } from './audit-ledger.js';
import { AuditLog } from './audit-log.js';

const AT = new Date('2026-11-24T02:00:00.123Z');

function entry(overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    type: AuditType.REQUEST,
    actor: 'alpha',
    role: 'trader',
    ip: '127.0.0.1',
    accountId: 'SIM-STOCK',
    strategyId: 'alpha',
    orderId: null,
    detail: { method: 'POST', path: '/v1/orders', status: 201, price: 11.6 },
    ...overrides,
  };
}

describe('AuditLog', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let log: AuditLog;

  async function sql<T extends pg.QueryResultRow>(text: string, params: unknown[] = []) {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      return (await client.query<T>(text, params)).rows;
    } finally {
      await client.end();
    }
  }

  beforeEach(async () => {
    db = await createTestDatabase();
    dataSource = createDataSource({ url: db.url, poolSize: 4 });
    await dataSource.initialize();
    log = new AuditLog(dataSource);
  });

  afterEach(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  /** Queues entries, seals them, and returns the records they became. */
  async function write(entries: readonly AuditEntry[], at = AT): Promise<AuditRecord[]> {
    const before = (await log.head())?.seq ?? 0;
    await log.append(entries, at);
    await log.seal();
    return log.query({}, 1000, before);
  }

  it('verifies an empty log', async () => {
    expect(await log.verify()).toEqual({ ok: true, checked: 0, head: null });
  });

  it('chains records from the genesis and reads them back as written', async () => {
    const written = await write([entry(), entry({ actor: 'beta', strategyId: 'beta' })], AT);
    const more = await write([entry({ detail: { name: '平安银行\u0000' } })], AT);
    expect(written.map((r) => r.seq)).toEqual([1, 2]);
    expect(written[0]!.prevHash).toBe('0'.repeat(64));
    expect(written[1]!.prevHash).toBe(written[0]!.hash);
    expect(more[0]!.prevHash).toBe(written[1]!.hash);
    expect(await log.query({}, 10)).toEqual([...written, ...more]);
    expect(await log.verify()).toEqual({
      ok: true,
      checked: 3,
      head: { seq: 3, hash: more[0]!.hash },
    });
  });

  it('walks a chain longer than one page', async () => {
    await write(
      Array.from({ length: 25 }, (_, i) => entry({ detail: { i } })),
      AT,
    );
    expect(await log.verify(7)).toMatchObject({ ok: true, checked: 25 });
  });

  it('coalesces appends made while one is in flight into one statement', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => log.append([entry({ actor: `actor-${i}` })], AT)),
    );
    const rows = await sql<{ actor: string; tx: string }>(
      'SELECT actor, xmin::text AS tx FROM audit_outbox ORDER BY id',
    );
    expect(rows.map((r) => r.actor)).toEqual(Array.from({ length: 20 }, (_, i) => `actor-${i}`));
    // The first went out at once and alone; the nineteen queued behind it shared one INSERT.
    const txs = rows.map((r) => r.tx);
    expect(new Set(txs).size).toBe(2);
    expect(txs.filter((tx) => tx === txs[0])).toHaveLength(1);
    expect(await log.seal()).toBe(20);
  });

  it('fails only the caller whose entry cannot be written', async () => {
    const settled = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        log.append([entry({ actor: `actor-${i}` })], i === 7 ? new Date(Number.NaN) : AT),
      ),
    );
    expect(settled.map((s) => s.status)).toEqual(
      Array.from({ length: 10 }, (_, i) => (i === 7 ? 'rejected' : 'fulfilled')),
    );
    const rows = await sql<{ actor: string }>('SELECT actor FROM audit_outbox ORDER BY id');
    expect(rows.map((r) => r.actor).sort()).toEqual([
      'actor-0',
      'actor-1',
      'actor-2',
      'actor-3',
      'actor-4',
      'actor-5',
      'actor-6',
      'actor-8',
      'actor-9',
    ]);
    await log.append([entry({ actor: 'later' })], AT);
    expect(await log.seal()).toBe(10);
  });

  it('never forks when two pools append at once', async () => {
    const other = createDataSource({ url: db.url, poolSize: 4 });
    await other.initialize();
    try {
      const second = new AuditLog(other);
      await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          (i % 2 === 0 ? log : second).append([entry({ detail: { i } }), entry()], AT),
        ),
      );
      // Two sealers at once (two OMS processes): they take turns on the chain.
      await Promise.all([log.seal(), second.seal(), log.seal()]);
    } finally {
      await other.destroy();
    }
    const report = await log.verify();
    expect(report).toMatchObject({ ok: true, checked: 80, head: { seq: 80 } });
  });

  it('chains an entry only once its transaction has committed, and never skips it', async () => {
    const open = dataSource.createQueryRunner();
    await open.connect();
    await open.startTransaction();
    try {
      // The older transaction queues first and stays open; a newer one commits meanwhile.
      await new AuditLedger(open.manager).append([entry({ actor: 'late' })], AT);
      await log.append([entry({ actor: 'early' })], AT);
      expect(await log.seal()).toBe(1);
      await open.commitTransaction();
    } finally {
      await open.release();
    }
    expect(await log.seal()).toBe(1);
    expect((await log.query({}, 10)).map((r) => r.actor)).toEqual(['early', 'late']);
    expect(await log.verify()).toMatchObject({ ok: true, checked: 2 });
  });

  it.each([
    ['UPDATE', `UPDATE audit_log SET actor = 'mallory' WHERE seq = 1`],
    ['DELETE', 'DELETE FROM audit_log WHERE seq = 1'],
    ['TRUNCATE', 'TRUNCATE audit_log'],
  ])('the database refuses %s', async (operation, statement) => {
    await write([entry()], AT);
    await expect(sql(statement)).rejects.toThrow(`audit_log is append-only: ${operation} refused`);
    expect(await log.verify()).toMatchObject({ ok: true, checked: 1 });
  });

  describe('with the guard lifted', () => {
    async function tamper(statement: string): Promise<void> {
      await sql(`
        BEGIN;
        ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only;
        ${statement};
        ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only;
        COMMIT;`);
    }

    beforeEach(async () => {
      await write(
        Array.from({ length: 6 }, (_, i) => entry({ detail: { i } })),
        AT,
      );
    });

    it.each<[string, string, number, string]>([
      ['an edited actor', `UPDATE audit_log SET actor = 'beta' WHERE seq = 4`, 4, 'HASH'],
      [
        'an edited detail',
        `UPDATE audit_log SET detail = jsonb_set(detail, '{i}', '99') WHERE seq = 2`,
        2,
        'HASH',
      ],
      ['a moved time', `UPDATE audit_log SET at = at + interval '1 ms' WHERE seq = 5`, 5, 'HASH'],
      ['a deleted row', 'DELETE FROM audit_log WHERE seq = 3', 3, 'GAP'],
    ])('verify names the row after %s', async (_case, statement, seq, reason) => {
      await tamper(statement);
      const report = await log.verify();
      expect(report).toMatchObject({ ok: false, firstBadSeq: seq, reason, checked: seq - 1 });
      expect(report.head?.seq).toBe(seq - 1);
    });
  });

  it('filters by every field, with parameters only', async () => {
    await write(
      [
        entry({ actor: 'alpha', orderId: 'Q1' }),
        entry({ actor: 'beta', strategyId: 'beta', accountId: 'SIM-CREDIT' }),
        entry({
          type: AuditType.BROKER_EVENTS,
          actor: 'oms',
          accountId: null,
          strategyId: null,
          detail: { accountIds: ['SIM-FUTURE'] },
        }),
      ],
      AT,
    );
    await write([entry({ actor: 'alpha' })], new Date('2026-11-25T02:00:00Z'));
    const seqs = async (filter: Parameters<AuditLog['query']>[0]) =>
      (await log.query(filter, 100)).map((r) => r.seq);
    expect(await seqs({ actor: 'alpha' })).toEqual([1, 4]);
    expect(await seqs({ orderId: 'Q1' })).toEqual([1]);
    expect(await seqs({ strategyId: 'beta' })).toEqual([2]);
    expect(await seqs({ accountId: 'SIM-CREDIT' })).toEqual([2]);
    expect(await seqs({ accountId: 'SIM-FUTURE' })).toEqual([3]);
    expect(await seqs({ type: 'BROKER_EVENTS' })).toEqual([3]);
    expect(await seqs({ from: new Date('2026-11-25T00:00:00Z') })).toEqual([4]);
    expect(await seqs({ to: new Date('2026-11-25T00:00:00Z') })).toEqual([1, 2, 3]);
    expect(await seqs({ actor: "alpha' OR '1'='1" })).toEqual([]);
    expect((await log.query({}, 2, 1)).map((r) => r.seq)).toEqual([2, 3]);
  });
});
