// TLS on HTTP and gRPC from certificate files, with gRPC mutual TLS (docs/security.md): a CA,
// a server and a client certificate are made here with openssl.
import { credentials, status } from '@grpc/grpc-js';
import { EnvError, loadTls } from '@qmt/runtime';
import { grpcClient, startTestDesk, type TestDesk } from '@qmt/testkit';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function openssl(dir: string, ...args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
}

/** ca.pem, server.pem/server.key (for 127.0.0.1), client.pem/client.key, all signed by the CA. */
function makeCertificates(dir: string): void {
  openssl(
    dir,
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '1',
    '-subj',
    '/CN=qmt-test-ca',
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
  );
  writeFileSync(join(dir, 'server.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  for (const name of ['server', 'client']) {
    openssl(
      dir,
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-subj',
      `/CN=qmt-${name}`,
      '-keyout',
      `${name}.key`,
      '-out',
      `${name}.csr`,
    );
    openssl(
      dir,
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-days',
      '1',
      '-out',
      `${name}.pem`,
      ...(name === 'server' ? ['-extfile', 'server.ext'] : []),
    );
  }
}

function httpsGet(url: string, ca: Buffer | undefined): Promise<number> {
  return new Promise((done, fail) => {
    const req = request(url, { ca, headers: { authorization: 'Bearer dev-alpha' } }, (res) => {
      res.resume();
      done(res.statusCode ?? 0);
    });
    req.on('error', fail);
    req.end();
  });
}

describe('transport security', () => {
  let dir: string;
  let desk: TestDesk;
  const file = (name: string) => join(dir, name);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'qmt-tls-'));
    makeCertificates(dir);
    const tls = loadTls({
      TLS_CERT_FILE: file('server.pem'),
      TLS_KEY_FILE: file('server.key'),
      GRPC_TLS_CLIENT_CA_FILE: file('ca.pem'),
    });
    desk = await startTestDesk({ tls });
  }, 60_000);

  afterAll(async () => {
    await desk?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves HTTPS with the configured certificate', async () => {
    expect(desk.app.httpUrl).toMatch(/^https:/);
    expect(await httpsGet(`${desk.app.httpUrl}/v1/clock`, readFileSync(file('ca.pem')))).toBe(200);
  });

  it('a client that does not trust the CA cannot connect', async () => {
    await expect(httpsGet(`${desk.app.httpUrl}/v1/clock`, undefined)).rejects.toThrow(
      /self.signed|unable to verify|certificate/i,
    );
  });

  it('serves gRPC over TLS to a client with a certificate the CA signed', async () => {
    const grpc = grpcClient(
      desk.app.grpcUrl,
      credentials.createSsl(
        readFileSync(file('ca.pem')),
        readFileSync(file('client.key')),
        readFileSync(file('client.pem')),
      ),
    );
    try {
      expect(await grpc.call('OrderService', 'ListOrders', {}, 'dev-alpha')).toMatchObject({
        ok: true,
      });
    } finally {
      grpc.close();
    }
  });

  it.each([
    ['without a client certificate', () => credentials.createSsl(readFileSync(file('ca.pem')))],
    ['in plain text', () => credentials.createInsecure()],
  ])('refuses a gRPC client %s', async (_case, channel) => {
    const grpc = grpcClient(desk.app.grpcUrl, channel());
    try {
      expect(await grpc.call('OrderService', 'ListOrders', {}, 'dev-alpha')).toMatchObject({
        ok: false,
        code: status.UNAVAILABLE,
      });
    } finally {
      grpc.close();
    }
  });

  it.each([
    [{ TLS_CERT_FILE: '/nowhere/server.pem' }, /TLS_CERT_FILE and TLS_KEY_FILE go together/],
    [
      { TLS_CERT_FILE: '/nowhere/server.pem', TLS_KEY_FILE: '/nowhere/server.key' },
      /TLS_CERT_FILE: cannot read \/nowhere\/server.pem \(ENOENT\)/,
    ],
    [{ GRPC_TLS_CLIENT_CA_FILE: '/nowhere/ca.pem' }, /needs TLS_CERT_FILE and TLS_KEY_FILE/],
  ])('refuses to start with %j', (env, message) => {
    expect(() => loadTls(env)).toThrow(EnvError);
    expect(() => loadTls(env)).toThrow(message);
  });

  it('never puts the key file’s content in an error', () => {
    expect(() => loadTls({ TLS_CERT_FILE: file('server.key'), TLS_KEY_FILE: '/nowhere' })).toThrow(
      /^(?!.*PRIVATE KEY).*$/s,
    );
  });
});
