export * from './money/index.js';
export * from './xt/index.js';
export * from './ids/index.js';
