export * from './oms.module.js';
export * from './http/validation.js';
export * from './orders/order.service.js';
