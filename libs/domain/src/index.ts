export * from './money/index.js';
export * from './xt/index.js';
export * from './ids/index.js';
export * from './order/index.js';
export * from './instrument/index.js';
export * from './time/index.js';
export * from './risk/index.js';
export * from './book/index.js';
