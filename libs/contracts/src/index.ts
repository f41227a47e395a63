export * from './names.js';
export * from './events/gateway-event.js';
export * from './commands/route-job.js';
export * from './commands/algo-job.js';
export * from './config/desk-config.js';
export * from './config/load-desk-config.js';
export * from './risk/risk-check.js';
export * from './risk/limits.js';
