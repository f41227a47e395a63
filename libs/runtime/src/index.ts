export * from './env.js';
export * from './desk-directory.js';
export * from './exchange-clock.js';
export * from './runtime.module.js';
export * from './health/health.registry.js';
export * from './health/health.module.js';
export * from './health/public.decorator.js';
export * from './service-boot.js';
