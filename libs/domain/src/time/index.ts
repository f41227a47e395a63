export * from './clock.js';
export * from './shanghai-time.js';
export * from './stock-session.js';
export * from './futures-session.js';
export * from './trading-calendar.js';
