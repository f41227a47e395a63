// Builders for domain tests (STYLE §2.7), imported by tests only as '@qmt/domain/testing'.
export * from './risk-builders.js';
export * from './algo-builders.js';
