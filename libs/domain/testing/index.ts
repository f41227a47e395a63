export * from './algo-builders.js';
