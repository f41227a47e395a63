export * from './names.js';
export * from './events/gateway-event.js';
export * from './commands/route-job.js';
