import {
  Inject,
  Injectable,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { CONSUMER_GROUP } from '@qmt/contracts';
import { createBusRedis } from './redis-streams/bus-redis.js';
import { bullMqConnection } from './bullmq/bullmq-connection.js';
import { BullMqAlgoQueue } from './bullmq/bullmq.algo-queue.js';
import { BullMqRouteQueue } from './bullmq/bullmq.route-queue.js';
import { InProcessBusHealth, RedisBusHealth } from './bus-health.js';
import {
  InProcessBus,
  InProcessConsumer,
  InProcessPublisher,
} from './in-process/in-process.bus.js';
import { InMemoryDeadLetterSink, RedisDeadLetterSink } from './dead-letter-sinks.js';
import { AlgoQueue } from './ports/algo-queue.port.js';
import { BusHealth } from './ports/bus-health.port.js';
import { DeadLetterSink } from './ports/dead-letter-sink.port.js';
import { EventConsumer } from './ports/event-consumer.port.js';
import { EventPublisher } from './ports/event-publisher.port.js';
import { RouteQueue } from './ports/route-queue.port.js';
import { RedisStreamsConsumer } from './redis-streams/redis-streams.consumer.js';
import { RedisStreamsPublisher } from './redis-streams/redis-streams.publisher.js';

export type MessagingOptions = (
  | {
      readonly driver: 'redis';
      readonly redisUrl: string;
      /** BullMQ key prefix of the route queues (default 'bull'). */
      readonly queuePrefix?: string;
    }
  | {
      readonly driver: 'in-process';
      /** The database BullMQ's PostgreSQL backend keeps the route queues in. */
      readonly postgresUrl: string;
      /** Schema of those queues (default 'bullmq'). */
      readonly queueSchema?: string;
    }
) & {
  /** Told of every error a consume loop or a queue survives (they retry by themselves). */
  readonly onError?: (error: unknown) => void;
};

/** The adapters one forRoot() picked, and how to close them all. */
interface MessagingAdapters {
  readonly publisher: EventPublisher;
  readonly consumer: EventConsumer;
  readonly routes: RouteQueue;
  readonly algo: AlgoQueue;
  readonly health: BusHealth;
  readonly deadLetters: DeadLetterSink;
  close(): Promise<void>;
}

const ADAPTERS = Symbol('MESSAGING_ADAPTERS');

function redisAdapters(options: Extract<MessagingOptions, { driver: 'redis' }>): MessagingAdapters {
  const redis = createBusRedis(options.redisUrl);
  if (options.onError !== undefined) {
    redis.on('error', options.onError);
  }
  const consumer = new RedisStreamsConsumer(redis, { onError: options.onError });
  const queueConfig = {
    kind: 'redis',
    connection: bullMqConnection(options.redisUrl),
    onError: options.onError,
    ...(options.queuePrefix === undefined ? {} : { prefix: options.queuePrefix }),
  } as const;
  const routes = new BullMqRouteQueue(queueConfig);
  const algo = new BullMqAlgoQueue(queueConfig);
  return {
    publisher: new RedisStreamsPublisher(redis),
    consumer,
    routes,
    algo,
    health: new RedisBusHealth(redis),
    deadLetters: new RedisDeadLetterSink(redis),
    close: async () => {
      await settle(consumer.stop());
      await settle(algo.close());
      await settle(routes.close());
      redis.disconnect();
    },
  };
}

function inProcessAdapters(
  options: Extract<MessagingOptions, { driver: 'in-process' }>,
): MessagingAdapters {
  // Every app of the desk runs in this process: hold each event until both oms and risk have it,
  // whichever of them starts consuming first.
  const bus = new InProcessBus({ groups: Object.values(CONSUMER_GROUP), onError: options.onError });
  const queueConfig = {
    kind: 'postgres',
    connectionString: options.postgresUrl,
    onError: options.onError,
    ...(options.queueSchema === undefined ? {} : { schema: options.queueSchema }),
  } as const;
  const routes = new BullMqRouteQueue(queueConfig);
  const algo = new BullMqAlgoQueue(queueConfig);
  return {
    publisher: new InProcessPublisher(bus),
    consumer: new InProcessConsumer(bus),
    routes,
    algo,
    health: new InProcessBusHealth(options.postgresUrl),
    deadLetters: new InMemoryDeadLetterSink(),
    close: async () => {
      await settle(bus.stop());
      await settle(algo.close());
      await settle(routes.close());
    },
  };
}

async function settle(closing: Promise<void>): Promise<void> {
  await closing.catch(() => undefined);
}

/** Closes consumers, queues and connections when the application shuts down. */
@Injectable()
class MessagingLifecycle implements OnApplicationShutdown {
  constructor(@Inject(ADAPTERS) private readonly adapters: MessagingAdapters) {}

  async onApplicationShutdown(): Promise<void> {
    await this.adapters.close();
  }
}

/**
 * Picks the bus and route-queue adapters: Redis Streams + BullMQ on Redis (REDIS_URL set), or the
 * in-process bus + BullMQ on PostgreSQL (the desk without Redis). The ports are the DI tokens.
 */
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingOptions): DynamicModule {
    const driver: unknown = (options as { driver: unknown }).driver;
    if (driver !== 'redis' && driver !== 'in-process') {
      throw new Error(
        `unknown messaging driver ${JSON.stringify(driver)}: set REDIS_URL for Redis, or leave REDIS_URL unset for the in-process bus`,
      );
    }
    return {
      module: MessagingModule,
      global: true,
      providers: [
        {
          provide: ADAPTERS,
          useFactory: (): MessagingAdapters =>
            options.driver === 'redis' ? redisAdapters(options) : inProcessAdapters(options),
        },
        {
          provide: EventPublisher,
          useFactory: (a: MessagingAdapters) => a.publisher,
          inject: [ADAPTERS],
        },
        {
          provide: EventConsumer,
          useFactory: (a: MessagingAdapters) => a.consumer,
          inject: [ADAPTERS],
        },
        { provide: RouteQueue, useFactory: (a: MessagingAdapters) => a.routes, inject: [ADAPTERS] },
        { provide: AlgoQueue, useFactory: (a: MessagingAdapters) => a.algo, inject: [ADAPTERS] },
        { provide: BusHealth, useFactory: (a: MessagingAdapters) => a.health, inject: [ADAPTERS] },
        {
          provide: DeadLetterSink,
          useFactory: (a: MessagingAdapters) => a.deadLetters,
          inject: [ADAPTERS],
        },
        MessagingLifecycle,
      ],
      exports: [EventPublisher, EventConsumer, RouteQueue, AlgoQueue, BusHealth, DeadLetterSink],
    };
  }
}
