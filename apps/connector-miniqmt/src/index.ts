export * from './connector.module.js';
export * from './connector.runtime.js';
export * from './session/mini-qmt-session.port.js';
export * from './session/connector.service.js';
export * from './sim/sim-mini-qmt.js';
export * from './sim/sim-quote-book.js';
export * from './normalize/normalize-callback.js';
export * from './routing/route.worker.js';
export * from './bridge-client/bridge-mini-qmt-session.js';
export * from './bridge-client/bridge-error.js';
export {
  BRIDGE_PROTOCOL_VERSION,
  type BridgeEvent,
  type BridgeQuote,
  type BridgeTraderState,
} from './bridge-client/bridge-protocol.js';
export * from './bridge-client/bridge-session-options.js';
export * from './session/xt-records.js';
export * from './session/connector-state.js';
export * from './session/rate-limiter.js';
export * from './session/reconcile.js';
export * from './routing/remark-index.js';
export * from './sim/sim-faults.js';
export type { SimConfig, SimQuoteSourceConfig } from './sim/sim-config.js';
export type { SimAccountConfig } from './sim/sim-broker-state.js';
export { SimJournal } from './sim/sim-journal.js';
