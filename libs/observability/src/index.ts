export * from './metrics.js';
export * from './logger.js';
export type { Logger } from 'pino';
export * from './log-context.js';
export * from './scrape-refresh.js';
export { OrderStage } from './catalogue/order-flow.metrics.js';
export type { QueueBacklogSample, StreamBacklogSample } from './catalogue/backlog.metrics.js';
