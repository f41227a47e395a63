export * from './ports/index.js';
export * from './redis-streams/redis-streams.publisher.js';
export * from './redis-streams/redis-streams.consumer.js';
export * from './in-process/in-process.bus.js';
export * from './bullmq/bullmq.route-queue.js';
export * from './bus-health.js';
export * from './messaging.module.js';
export * from './dead-letter-sinks.js';
