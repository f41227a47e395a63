export * from './xt-constants.js';
export * from './xt-types.js';
