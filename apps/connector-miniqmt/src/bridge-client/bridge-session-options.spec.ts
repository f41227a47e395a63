import { parseDeskConfig } from '@qmt/contracts';
import { bridgeSessionOptions } from './bridge-session-options.js';

const desk = (bridge: string): string => `
desk: { name: x }
connectors: [{ id: c1, backend: bridge, bridge: ${bridge} }]
accounts: [{ id: A, type: STOCK, connector: c1, brokerAccountId: '1' }]
`;

const bridgeOf = (bridge: string) => {
  const section = parseDeskConfig(desk(bridge)).connectors[0]?.bridge;
  if (section === undefined) {
    throw new Error('no bridge section');
  }
  return section;
};

const files: Record<string, string> = {
  '/run/token': ' file-secret \n',
  '/run/empty': '\n',
  '/tls/ca.pem': 'CA',
  '/tls/c.pem': 'CERT',
  '/tls/c.key': 'KEY',
};
const sources = {
  env: { QMT_TOKEN: 'env-secret' },
  readFile: (path: string): string => {
    const text = files[path];
    if (text === undefined) {
      throw new Error(`ENOENT ${path}`);
    }
    return text;
  },
};

describe('bridge section of the desk config', () => {
  it.each([
    ['no token source', '{ host: h, port: 1 }', /exactly one of tokenEnv or tokenFile/],
    [
      'both token sources',
      '{ host: h, port: 1, tokenEnv: T, tokenFile: /f }',
      /exactly one of tokenEnv or tokenFile/,
    ],
    ['a token in clear', '{ host: h, port: 1, token: s }', /Unrecognized key.*token/],
    [
      'a variable name that is not one',
      '{ host: h, port: 1, tokenEnv: "a-b" }',
      /environment variable name/,
    ],
    ['port 0', '{ host: h, port: 0, tokenEnv: T }', /bridge\.port/],
    ['port 65536', '{ host: h, port: 65536, tokenEnv: T }', /bridge\.port/],
    [
      'a cert without its key',
      '{ host: h, port: 1, tokenEnv: T, tls: { certFile: /c } }',
      /go together/,
    ],
  ])('refuses %s', (_name, bridge, message) => {
    expect(() => parseDeskConfig(desk(bridge))).toThrow(message);
  });

  it('accepts ports 1 and 65535 and fills the timing defaults', () => {
    expect(bridgeOf('{ host: h, port: 1, tokenEnv: T }').port).toBe(1);
    expect(bridgeOf('{ host: h, port: 65535, tokenFile: /f }')).toEqual({
      host: 'h',
      port: 65535,
      tokenFile: '/f',
      requestTimeoutMs: 10_000,
      heartbeatIntervalMs: 5_000,
      heartbeatTimeoutMs: 15_000,
    });
  });
});

describe('bridgeSessionOptions', () => {
  it('reads the token from the variable', () => {
    const options = bridgeSessionOptions(
      'c1',
      bridgeOf('{ host: h, port: 9, tokenEnv: QMT_TOKEN }'),
      sources,
    );
    expect(options).toEqual({
      host: 'h',
      port: 9,
      token: 'env-secret',
      requestTimeoutMs: 10_000,
      heartbeatIntervalMs: 5_000,
      heartbeatTimeoutMs: 15_000,
    });
  });

  it('reads the token from a file, trimmed, and the TLS files as PEM', () => {
    const options = bridgeSessionOptions(
      'c1',
      bridgeOf(
        '{ host: h, port: 9, tokenFile: /run/token, tls: { caFile: /tls/ca.pem, certFile: /tls/c.pem, keyFile: /tls/c.key, servername: qmt } }',
      ),
      sources,
    );
    expect(options.token).toBe('file-secret');
    expect(options.tls).toEqual({ ca: 'CA', cert: 'CERT', key: 'KEY', servername: 'qmt' });
  });

  it.each([
    [
      'an unset variable',
      '{ host: h, port: 9, tokenEnv: MISSING }',
      /token variable MISSING is not set/,
    ],
    [
      'an empty file',
      '{ host: h, port: 9, tokenFile: /run/empty }',
      /token file \/run\/empty is empty/,
    ],
  ])('refuses %s without printing any secret', (_name, bridge, message) => {
    expect(() => bridgeSessionOptions('c1', bridgeOf(bridge), sources)).toThrow(message);
  });
});
