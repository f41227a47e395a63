import type { Redis } from 'ioredis';
import pg from 'pg';
import { BusHealth } from './ports/bus-health.port.js';
import { within } from './timing.js';

export interface BusHealthOptions {
  /** A check that takes longer than this counts as not ready (ms, default 2 s). */
  readonly timeoutMs?: number;
}

/** Redis answers PING: the streams and the BullMQ queues live there. */
export class RedisBusHealth extends BusHealth {
  constructor(
    private readonly redis: Redis,
    private readonly options: BusHealthOptions = {},
  ) {
    super();
  }

  async isReady(): Promise<boolean> {
    // With maxRetriesPerRequest null a PING during an outage waits for the reconnect; a health
    // check must answer now.
    const pong = await within(
      this.redis.ping().catch(() => 'ERROR'),
      this.options.timeoutMs ?? 2000,
    );
    return pong === 'PONG';
  }

  describe(): string {
    return 'Redis Streams + BullMQ on Redis';
  }
}

/** The in-process bus is always up; its BullMQ queue lives in PostgreSQL, so that is checked. */
export class InProcessBusHealth extends BusHealth {
  constructor(
    private readonly postgresUrl: string,
    private readonly options: BusHealthOptions = {},
  ) {
    super();
  }

  async isReady(): Promise<boolean> {
    const timeoutMs = this.options.timeoutMs ?? 2000;
    const client = new pg.Client({
      connectionString: this.postgresUrl,
      connectionTimeoutMillis: timeoutMs,
      query_timeout: timeoutMs,
    });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return true;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  describe(): string {
    return 'in-process bus + BullMQ on PostgreSQL';
  }
}
