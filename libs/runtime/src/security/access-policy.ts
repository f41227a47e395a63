// Who may do what: one table for HTTP and gRPC alike (docs/security.md "Roles"). A route or RPC
// names its operation; the roles come from here, so the two transports cannot drift apart.
import type { Role } from '../desk-directory.js';

export const Operation = {
  SUBMIT_ORDER: 'SUBMIT_ORDER',
  CANCEL_ORDER: 'CANCEL_ORDER',
  /** Pause and resume of an algo parent. */
  CONTROL_ALGO: 'CONTROL_ALGO',
  /** Orders, trades, positions, the update stream: a trader sees only its own strategy's. */
  READ_BLOTTER: 'READ_BLOTTER',
  /** Accounts (a trader only its own), instruments, the clock. */
  READ_REFERENCE: 'READ_REFERENCE',
  READ_LIMITS: 'READ_LIMITS',
  CHANGE_LIMITS: 'CHANGE_LIMITS',
  KILL_SWITCH: 'KILL_SWITCH',
  READ_AUDIT: 'READ_AUDIT',
  RELOAD_KEYS: 'RELOAD_KEYS',
  SIM_CONTROL: 'SIM_CONTROL',
} as const;

export type Operation = (typeof Operation)[keyof typeof Operation];

const EVERYONE: readonly Role[] = ['trader', 'risk', 'compliance', 'admin'];

export const ACCESS: Readonly<Record<Operation, readonly Role[]>> = {
  // Orders belong to a strategy: only a strategy's own key submits them.
  SUBMIT_ORDER: ['trader'],
  // A trader its own orders; risk and admin any order (to stop a runaway strategy).
  CANCEL_ORDER: ['trader', 'risk', 'admin'],
  // Like a cancel: the strategy its own parents, risk and admin any.
  CONTROL_ALGO: ['trader', 'risk', 'admin'],
  READ_BLOTTER: EVERYONE,
  READ_REFERENCE: EVERYONE,
  READ_LIMITS: ['risk', 'compliance', 'admin'],
  CHANGE_LIMITS: ['risk', 'admin'],
  KILL_SWITCH: ['risk', 'admin'],
  READ_AUDIT: ['compliance', 'admin'],
  RELOAD_KEYS: ['admin'],
  SIM_CONTROL: ['risk', 'admin'],
};

export function mayPerform(role: Role, operation: Operation): boolean {
  return ACCESS[operation].includes(role);
}
