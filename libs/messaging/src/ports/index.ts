export * from './event-publisher.port.js';
export * from './event-consumer.port.js';
export * from './route-queue.port.js';
export * from './bus-health.port.js';
export * from './dead-letter-sink.port.js';
export * from './algo-queue.port.js';
