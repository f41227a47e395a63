export * from './oms.module.js';
export * from './orders/order.service.js';
export * from './grpc/grpc-server.js';
