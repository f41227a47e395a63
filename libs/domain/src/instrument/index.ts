export * from './security-code.js';
export * from './instrument.js';
