export * from './order-state.js';
export * from './order-transitions.js';
export * from './order-reducer.js';
