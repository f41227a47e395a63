export * from './desk.app.js';
export * from './embedded-database.js';
