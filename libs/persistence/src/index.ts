export * from './data-source.js';
export * from './entities/index.js';
export * from './repositories/order-ledger.js';
export * from './repositories/order-records.js';
export * from './repositories/order.store.js';
export * from './repositories/order-queries.js';
export * from './repositories/algo-order.store.js';
