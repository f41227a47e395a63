import type { BridgeConfig } from '@qmt/contracts';
import type { BridgeSessionOptions } from './bridge-mini-qmt-session.js';

export interface BridgeSecretSources {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly readFile: (path: string) => string;
}

/**
 * Session options from a connector's `bridge` section: the token read from its variable or
 * file, TLS files read as PEM. Throws naming the connector and the source (never the value),
 * so a desk with a missing secret refuses to start.
 */
export function bridgeSessionOptions(
  connectorId: string,
  bridge: BridgeConfig,
  sources: BridgeSecretSources,
): BridgeSessionOptions {
  const token = readToken(connectorId, bridge, sources);
  const tls = bridge.tls;
  return {
    host: bridge.host,
    port: bridge.port,
    token,
    requestTimeoutMs: bridge.requestTimeoutMs,
    heartbeatIntervalMs: bridge.heartbeatIntervalMs,
    heartbeatTimeoutMs: bridge.heartbeatTimeoutMs,
    ...(tls === undefined
      ? {}
      : {
          tls: {
            ...(tls.caFile === undefined ? {} : { ca: sources.readFile(tls.caFile) }),
            ...(tls.certFile === undefined ? {} : { cert: sources.readFile(tls.certFile) }),
            ...(tls.keyFile === undefined ? {} : { key: sources.readFile(tls.keyFile) }),
            ...(tls.servername === undefined ? {} : { servername: tls.servername }),
          },
        }),
  };
}

function readToken(
  connectorId: string,
  bridge: BridgeConfig,
  sources: BridgeSecretSources,
): string {
  if (bridge.tokenFile !== undefined) {
    const token = sources.readFile(bridge.tokenFile).trim();
    if (token === '') {
      throw new Error(`connector ${connectorId}: bridge token file ${bridge.tokenFile} is empty`);
    }
    return token;
  }
  const name = bridge.tokenEnv ?? '';
  const token = sources.env[name]?.trim() ?? '';
  if (token === '') {
    throw new Error(`connector ${connectorId}: bridge token variable ${name} is not set`);
  }
  return token;
}
