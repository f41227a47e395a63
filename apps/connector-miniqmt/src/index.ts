export * from './connector.module.js';
export * from './connector.runtime.js';
export * from './session/mini-qmt-session.port.js';
export * from './session/connector.service.js';
export * from './sim/sim-mini-qmt.js';
export * from './sim/sim-quote-book.js';
export * from './normalize/normalize-callback.js';
export * from './routing/route.worker.js';
