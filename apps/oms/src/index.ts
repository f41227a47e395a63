export * from './oms.module.js';
export * from './orders/order.service.js';
export * from './grpc/grpc-server.js';
export * from './ingest/order-events.consumer.js';
export * from './ingest/connector-status.board.js';
