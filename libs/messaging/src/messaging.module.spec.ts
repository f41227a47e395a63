import { AlgoQueue } from './ports/algo-queue.port.js';
import { BusHealth } from './ports/bus-health.port.js';
import { DeadLetterSink } from './ports/dead-letter-sink.port.js';
import { EventConsumer } from './ports/event-consumer.port.js';
import { EventPublisher } from './ports/event-publisher.port.js';
import { RouteQueue } from './ports/route-queue.port.js';
import { MessagingModule, type MessagingOptions } from './messaging.module.js';

describe('MessagingModule.forRoot', () => {
  it('refuses an unknown driver, naming REDIS_URL', () => {
    expect(() =>
      MessagingModule.forRoot({ driver: 'kafka' } as unknown as MessagingOptions),
    ).toThrow(/REDIS_URL/);
  });

  it('is global and exports the six ports, connecting only when the application starts', () => {
    // Nothing listens on port 1: describing the module must not try to reach it.
    const module = MessagingModule.forRoot({ driver: 'redis', redisUrl: 'redis://127.0.0.1:1' });
    expect(module.global).toBe(true);
    expect(module.exports).toEqual([
      EventPublisher,
      EventConsumer,
      RouteQueue,
      AlgoQueue,
      BusHealth,
      DeadLetterSink,
    ]);
  });
});
