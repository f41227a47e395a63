export * from './risk.module.js';
export * from './checks/risk-check.service.js';
export * from './checks/in-process-risk.gateway.js';
export * from './api/grpc-risk.gateway.js';
export * from './api/risk.grpc.controller.js';
export * from './projection/exposure-book.js';
