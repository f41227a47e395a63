export * from './pnl.js';
export * from './strategy-book.js';
export * from './reconciliation.js';
