export * from './security-code.js';
export * from './instrument.js';
export * from './tick-size.js';
export * from './price-limit.js';
export * from './lot.js';
export * from './settlement.js';
