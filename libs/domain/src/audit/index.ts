export * from './canonical-json.js';
export * from './audit-record.js';
export * from './chain-verification.js';
