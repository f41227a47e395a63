import {
  Global,
  Inject,
  Injectable,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { Redis } from 'ioredis';
import { BullMqRouteQueue } from './bullmq/bullmq.route-queue.js';
import { InProcessBusHealth, RedisBusHealth } from './bus-health.js';
import {
  InProcessBus,
  InProcessConsumer,
  InProcessPublisher,
} from './in-process/in-process.bus.js';
import { BusHealth } from './ports/bus-health.port.js';
import { EventConsumer } from './ports/event-consumer.port.js';
import { EventPublisher } from './ports/event-publisher.port.js';
import { RouteQueue } from './ports/route-queue.port.js';
import { RedisStreamsConsumer } from './redis-streams/redis-streams.consumer.js';
import { RedisStreamsPublisher } from './redis-streams/redis-streams.publisher.js';

export type MessagingOptions = (
  | { readonly driver: 'redis'; readonly redisUrl: string; readonly queuePrefix?: string }
  | { readonly driver: 'in-process'; readonly postgresUrl: string; readonly queueSchema?: string }
) & {
  /** Told of every error a consume loop survives (it retries with back-off). */
  readonly onError?: (error: unknown) => void;
};

const CLOSERS = Symbol('MESSAGING_CLOSERS');

/** Closes consumers, queues and connections when the application shuts down. */
@Injectable()
class MessagingLifecycle implements OnApplicationShutdown {
  constructor(@Inject(CLOSERS) private readonly closers: (() => Promise<void>)[]) {}

  async onApplicationShutdown(): Promise<void> {
    for (const close of this.closers) {
      await close().catch(() => undefined);
    }
  }
}

/** Picks the bus and queue adapters: Redis (REDIS_URL set) or in-process with BullMQ on Postgres. */
@Global()
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingOptions): DynamicModule {
    const closers: (() => Promise<void>)[] = [];
    let providers;
    if (options.driver === 'redis') {
      const redis = new Redis(options.redisUrl, { maxRetriesPerRequest: null, lazyConnect: false });
      const consumer = new RedisStreamsConsumer(redis, {
        ...(options.onError === undefined ? {} : { onError: options.onError }),
      });
      const queue = new BullMqRouteQueue({
        kind: 'redis',
        connection: { url: options.redisUrl, maxRetriesPerRequest: null },
        ...(options.queuePrefix === undefined ? {} : { prefix: options.queuePrefix }),
      });
      closers.push(
        () => consumer.stop(),
        () => queue.close(),
        async () => {
          redis.disconnect();
          await Promise.resolve();
        },
      );
      providers = [
        { provide: EventPublisher, useValue: new RedisStreamsPublisher(redis) },
        { provide: EventConsumer, useValue: consumer },
        { provide: RouteQueue, useValue: queue },
        { provide: BusHealth, useValue: new RedisBusHealth(redis) },
      ];
    } else if (options.driver === 'in-process') {
      const bus = new InProcessBus(options.onError);
      const queue = new BullMqRouteQueue({
        kind: 'postgres',
        connectionString: options.postgresUrl,
        ...(options.queueSchema === undefined ? {} : { schema: options.queueSchema }),
      });
      closers.push(
        () => bus.stop(),
        () => queue.close(),
      );
      providers = [
        { provide: EventPublisher, useValue: new InProcessPublisher(bus) },
        { provide: EventConsumer, useValue: new InProcessConsumer(bus) },
        { provide: RouteQueue, useValue: queue },
        { provide: BusHealth, useValue: new InProcessBusHealth(options.postgresUrl) },
      ];
    } else {
      const driver: unknown = (options as { driver: unknown }).driver;
      throw new Error(
        `unknown messaging driver ${String(driver)} (set REDIS_URL or leave it unset)`,
      );
    }
    return {
      module: MessagingModule,
      providers: [...providers, { provide: CLOSERS, useValue: closers }, MessagingLifecycle],
      exports: [EventPublisher, EventConsumer, RouteQueue, BusHealth],
    };
  }
}
