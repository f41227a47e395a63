import type { Redis } from 'ioredis';
import pg from 'pg';
import { BusHealth } from './ports/bus-health.port.js';

export class RedisBusHealth extends BusHealth {
  constructor(private readonly redis: Redis) {
    super();
  }

  async isReady(): Promise<boolean> {
    try {
      return (await this.redis.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  describe(): string {
    return 'Redis Streams + BullMQ on Redis';
  }
}

/** The in-process bus is always up; its BullMQ queue lives in PostgreSQL, so that is checked. */
export class InProcessBusHealth extends BusHealth {
  constructor(private readonly postgresUrl: string) {
    super();
  }

  async isReady(): Promise<boolean> {
    const client = new pg.Client({ connectionString: this.postgresUrl });
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
