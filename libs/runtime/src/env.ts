import { z } from 'zod';

// The environment every app reads (API.md "Environment"), parsed once at boot. A bad value
// stops the process with a message naming the variable.

const port = z.coerce.number().int().min(0).max(65535);

export const GatewayEnvSchema = z.object({
  DESK_CONFIG: z.string().default('config/desk.yaml'),
  DATABASE_URL: z.string().url().optional(),
  REDIS_URL: z.string().url().optional(),
  HTTP_PORT: port.default(8080),
  GRPC_PORT: port.default(50051),
  RISK_GRPC_PORT: port.default(50052),
  RISK_GRPC_URL: z.string().default('127.0.0.1:50052'),
  CONNECTOR_ID: z.string().optional(),
  CONNECTOR_HTTP_PORT: port.default(8082),
  RISK_HTTP_PORT: port.default(8081),
  DATA_DIR: z.string().default('.data'),
  // The OMS's consume loops over the account streams (docs/persistence.md "Ingestion"); unset:
  // 4 in the OMS service, 1 in the all-in-one desk.
  OMS_INGEST_LOOPS: z.coerce.number().int().min(1).max(16).optional(),
  // A fast sim clock (docs/algo-runtime.md): exchange time at the anchor, the anchor in wall
  // epoch ms (default: the process's start), and exchange seconds per wall second.
  EXCHANGE_CLOCK_START: z.iso.datetime({ offset: true }).optional(),
  EXCHANGE_CLOCK_ANCHOR_MS: z.coerce.number().int().positive().optional(),
  EXCHANGE_CLOCK_SCALE: z.coerce.number().positive().max(10_000).default(1),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // PEM files; with both set the OMS (and desk) serve HTTPS and gRPC over TLS (docs/security.md).
  TLS_CERT_FILE: z.string().optional(),
  TLS_KEY_FILE: z.string().optional(),
  // CA of gRPC client certificates: set, every gRPC client must present one it signed.
  GRPC_TLS_CLIENT_CA_FILE: z.string().optional(),
});

export type GatewayEnv = z.infer<typeof GatewayEnvSchema>;

export class EnvError extends Error {
  override readonly name = 'EnvError';
}

export function parseEnv(
  env: Readonly<Record<string, string | undefined>> = process.env,
): GatewayEnv {
  const blanksRemoved = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const result = GatewayEnvSchema.safeParse(blanksRemoved);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new EnvError(`invalid environment: ${problems}`);
  }
  return result.data;
}
