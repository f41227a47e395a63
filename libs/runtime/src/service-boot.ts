import { loadDeskConfig, type DeskConfig } from '@qmt/contracts';
import { createLogger, GatewayMetrics, type Logger } from '@qmt/observability';
import { EnvError, parseEnv, type GatewayEnv } from './env.js';
import type { ExchangeClock } from './exchange-clock.js';
import { exchangeClockOf } from './scaled-clock.js';

export interface ServiceContext {
  readonly env: GatewayEnv & { readonly REDIS_URL: string };
  readonly desk: DeskConfig;
  readonly logger: Logger;
  readonly metrics: GatewayMetrics;
  readonly clock: ExchangeClock;
}

/**
 * What a service started alone (the distributed deployment) needs before Nest boots. Services
 * share state only through Postgres and Redis, so both must be configured.
 */
export function serviceContext(app: string, needs: { readonly database: boolean }): ServiceContext {
  const env = parseEnv();
  const missing = [
    ...(env.REDIS_URL === undefined ? ['REDIS_URL'] : []),
    ...(needs.database && env.DATABASE_URL === undefined ? ['DATABASE_URL'] : []),
  ];
  if (missing.length > 0 || env.REDIS_URL === undefined) {
    throw new EnvError(
      `${app} started alone needs ${missing.join(' and ')}: services share state through Postgres and Redis (use npm start for the all-in-one desk)`,
    );
  }
  const desk = loadDeskConfig(env.DESK_CONFIG);
  const simOnly = desk.connectors.every((c) => c.backend === 'sim');
  return {
    env: { ...env, REDIS_URL: env.REDIS_URL },
    desk,
    logger: createLogger(env.LOG_LEVEL, app),
    metrics: new GatewayMetrics({ app }),
    clock: exchangeClockOf(
      simOnly ? (desk.connectors[0]?.sim.clock ?? 'continuous') : 'wall',
      env,
      simOnly,
    ),
  };
}
