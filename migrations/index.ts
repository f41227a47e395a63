import { OrdersEventsTrades1764000000000 } from './1764000000000-orders-events-trades.js';

/** Every migration, oldest first. Never edit a committed migration: add a new one. */
export const MIGRATIONS = [OrdersEventsTrades1764000000000];
