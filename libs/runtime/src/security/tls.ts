import { ServerCredentials } from '@grpc/grpc-js';
import { readFileSync } from 'node:fs';
import { EnvError, type GatewayEnv } from '../env.js';

/** Server certificate material read from the files the environment names (never the PEM itself). */
export interface TlsMaterial {
  readonly cert: Buffer;
  readonly key: Buffer;
  /** CA that signs gRPC client certificates: set means mutual TLS is required. */
  readonly grpcClientCa: Buffer | null;
}

type TlsEnv = Pick<GatewayEnv, 'TLS_CERT_FILE' | 'TLS_KEY_FILE' | 'GRPC_TLS_CLIENT_CA_FILE'>;

function readPem(variable: string, path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : null;
    const reason = typeof code === 'string' ? code : 'unreadable';
    throw new EnvError(`${variable}: cannot read ${path} (${reason})`);
  }
}

/**
 * TLS for HTTP and gRPC when TLS_CERT_FILE and TLS_KEY_FILE are set (both or neither); plain
 * otherwise. GRPC_TLS_CLIENT_CA_FILE adds mutual TLS on gRPC and needs the other two.
 */
export function loadTls(env: TlsEnv): TlsMaterial | null {
  const { TLS_CERT_FILE: certFile, TLS_KEY_FILE: keyFile, GRPC_TLS_CLIENT_CA_FILE: caFile } = env;
  if (certFile === undefined && keyFile === undefined) {
    if (caFile !== undefined) {
      throw new EnvError('GRPC_TLS_CLIENT_CA_FILE needs TLS_CERT_FILE and TLS_KEY_FILE too');
    }
    return null;
  }
  if (certFile === undefined || keyFile === undefined) {
    throw new EnvError('TLS_CERT_FILE and TLS_KEY_FILE go together: set both or neither');
  }
  return {
    cert: readPem('TLS_CERT_FILE', certFile),
    key: readPem('TLS_KEY_FILE', keyFile),
    grpcClientCa: caFile === undefined ? null : readPem('GRPC_TLS_CLIENT_CA_FILE', caFile),
  };
}

/** NestFactory's httpsOptions, or undefined for plain HTTP. */
export function httpsOptions(tls: TlsMaterial | null): { key: Buffer; cert: Buffer } | undefined {
  return tls === null ? undefined : { key: tls.key, cert: tls.cert };
}

/** gRPC server credentials: TLS (and client certificates when a client CA is set), or insecure. */
export function grpcServerCredentials(tls: TlsMaterial | null): ServerCredentials {
  if (tls === null) {
    return ServerCredentials.createInsecure();
  }
  return ServerCredentials.createSsl(
    tls.grpcClientCa,
    [{ private_key: tls.key, cert_chain: tls.cert }],
    tls.grpcClientCa !== null,
  );
}
