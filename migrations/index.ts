import { OrdersEventsTrades1764000000000 } from './1764000000000-orders-events-trades.js';
import { PartitionedEventsProjections1764600000000 } from './1764600000000-partitioned-events-projections.js';
import { AuditLog1764700000000 } from './1764700000000-audit-log.js';
import { AlgoOrders1764800000000 } from './1764800000000-algo-orders.js';
import { RiskLimits1764900000000 } from './1764900000000-risk-limits.js';
import { OrdersCreatedIndex1765000000000 } from './1765000000000-orders-created-index.js';

/** Every migration, oldest first. Never edit a committed migration: add a new one. */
export const MIGRATIONS = [
  OrdersEventsTrades1764000000000,
  PartitionedEventsProjections1764600000000,
  AuditLog1764700000000,
  AlgoOrders1764800000000,
  RiskLimits1764900000000,
  OrdersCreatedIndex1765000000000,
];
