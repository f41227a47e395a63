// The audit trail end to end (docs/audit.md): what an order leaves behind, the filters and CSV,
// and a row tampered with directly in Postgres (guard lifted) named by verify, HTTP and gRPC.
import {
  apiClient,
  eventually,
  grpcClient,
  marketableBuy,
  startTestDesk,
  type TestDesk,
} from '@qmt/testkit';
import pg from 'pg';

interface AuditJson {
  seq: number;
  type: string;
  actor: string;
  role: string | null;
  ip: string | null;
  orderId: string | null;
  accountId: string | null;
  detail: Record<string, unknown>;
}

describe('the audit trail', () => {
  let desk: TestDesk;
  let orderId: string;
  const admin = () => apiClient(desk.app.httpUrl, 'dev-admin');
  const compliance = () => apiClient(desk.app.httpUrl, 'dev-audit');

  async function sql(text: string): Promise<void> {
    const client = new pg.Client({ connectionString: desk.db.url });
    await client.connect();
    try {
      await client.query(text);
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    desk = await startTestDesk();
    const placed = await apiClient(desk.app.httpUrl, 'dev-alpha').post(
      '/v1/orders',
      marketableBuy('SIM-STOCK', 'audit-1'),
    );
    if (placed.status !== 201) {
      throw new Error(`the order was not placed: ${JSON.stringify(placed.body)}`);
    }
    orderId = placed.body.orderId as string;
    await eventually(async () => {
      const order = await apiClient(desk.app.httpUrl, 'dev-alpha').get(`/v1/orders/${orderId}`);
      return order.body.status === 'ORDER_SUCCEEDED' ? true : undefined;
    });
  });

  afterAll(async () => {
    await desk?.close();
  });

  it('records the request (who, role, from where, what) and the risk decision of an order', async () => {
    const page = await compliance().get(`/v1/audit?orderId=${orderId}`);
    expect(page.status).toBe(200);
    const items = page.body.items as AuditJson[];
    expect(items.map((r) => r.type)).toEqual(['RISK_DECISION', 'REQUEST']);
    expect(items[1]).toMatchObject({
      actor: 'alpha',
      role: 'trader',
      accountId: 'SIM-STOCK',
      detail: {
        transport: 'http',
        method: 'POST',
        path: '/v1/orders',
        status: 201,
        outcome: 'OK',
        body: { clientOrderId: 'audit-1', symbol: '000001.SZ', quantity: 100 },
      },
    });
    expect(items[1]?.ip).toMatch(/127\.0\.0\.1|::1/);
    expect(items[0]).toMatchObject({
      actor: 'risk',
      strategyId: 'alpha',
      detail: { kind: 'ORDER', approved: true, order: { symbol: '000001.SZ', quantity: 100 } },
    });
  });

  it('records broker events as one record per batch with their ids and a digest', async () => {
    const batches = await eventually(async () => {
      const page = await compliance().get('/v1/audit?type=BROKER_EVENTS&limit=1000');
      const items = page.body.items as AuditJson[];
      const ids = items.flatMap((r) => r.detail.eventIds as string[]);
      return ids.some((id) => id.includes(orderId)) ? items : undefined;
    });
    for (const batch of batches) {
      expect(batch.actor).toBe('oms');
      expect(batch.detail.digest).toMatch(/^[0-9a-f]{64}$/);
      expect(batch.detail.entries).toBe((batch.detail.eventIds as string[]).length);
    }
  });

  it('pages with a cursor and refuses a forged one', async () => {
    const first = await compliance().get('/v1/audit?limit=2');
    const second = await compliance().get(
      `/v1/audit?limit=2&cursor=${String(first.body.nextCursor)}`,
    );
    const seqs = [...(first.body.items as AuditJson[]), ...(second.body.items as AuditJson[])].map(
      (r) => r.seq,
    );
    expect(seqs).toEqual([1, 2, 3, 4]);
    const forged = await compliance().get('/v1/audit?cursor=bm90LWEtY3Vyc29y');
    expect(forged.status).toBe(400);
    expect(forged.body).toMatchObject({
      error: { code: 'VALIDATION_FAILED', fields: [{ path: 'cursor' }] },
    });
  });

  it.each([
    ['an unknown type', 'type=DROP'],
    ['a hostile actor', `actor=${encodeURIComponent("alpha' OR '1'='1")}`],
    ['a malformed time', 'from=yesterday'],
    ['an unknown filter', 'orderby=seq'],
  ])('refuses %s with a 400', async (_case, query) => {
    expect((await compliance().get(`/v1/audit?${query}`)).status).toBe(400);
  });

  it('exports CSV with a header and one row per record', async () => {
    const response = await fetch(`${desk.app.httpUrl}/v1/audit?format=csv&orderId=${orderId}`, {
      headers: { authorization: 'Bearer dev-audit' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await response.text()).trim().split('\n');
    expect(lines[0]).toBe(
      'seq,at,type,actor,role,ip,accountId,strategyId,orderId,detail,prevHash,hash',
    );
    expect(lines).toHaveLength(3);
    expect(lines[2]).toContain('REQUEST,alpha,trader');
  });

  it('verifies the intact chain over HTTP and gRPC', async () => {
    const report = await compliance().get('/v1/audit/verify');
    expect(report.body).toMatchObject({ ok: true });
    expect(report.body.checked).toBeGreaterThan(3);
    const grpc = grpcClient(desk.app.grpcUrl);
    try {
      expect(await grpc.call('AuditService', 'Verify', {}, 'dev-audit')).toMatchObject({
        ok: true,
        response: { ok: true },
      });
      const page = await grpc.call('AuditService', 'Query', { orderId, limit: 5 }, 'dev-audit');
      expect(page).toMatchObject({
        ok: true,
        response: { items: [{ type: 'RISK_DECISION' }, { type: 'REQUEST' }] },
      });
    } finally {
      grpc.close();
    }
  });

  it('refuses UPDATE and DELETE in the database itself', async () => {
    await expect(sql(`UPDATE audit_log SET actor = 'mallory' WHERE seq = 2`)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql('DELETE FROM audit_log WHERE seq = 2')).rejects.toThrow(/append-only/);
  });

  it('names the row tampered with while the guard was lifted (HTTP and gRPC)', async () => {
    await sql(`
      BEGIN;
      ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only;
      UPDATE audit_log SET detail = jsonb_set(detail, '{status}', '200') WHERE seq = 3;
      ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only;
      COMMIT;`);
    const report = await admin().get('/v1/audit/verify');
    expect(report.body).toMatchObject({
      ok: false,
      checked: 2,
      firstBadSeq: 3,
      reason: 'HASH',
      head: { seq: 2 },
    });
    const grpc = grpcClient(desk.app.grpcUrl);
    try {
      expect(await grpc.call('AuditService', 'Verify', {}, 'dev-admin')).toMatchObject({
        ok: true,
        response: { ok: false, checked: 2, firstBadSeq: 3, reason: 'HASH', headSeq: 2 },
      });
    } finally {
      grpc.close();
    }
  });
});
