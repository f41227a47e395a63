// Kill switch modes per scope (ARCHITECTURE §4, API.md `POST /v1/risk/kill-switch`): the strictest
// mode among the global, account and strategy scopes governs an order.

export const KillSwitchMode = {
  ACTIVE: 'ACTIVE',
  /** Only orders that reduce the book's position; cancels always pass. */
  REDUCE_ONLY: 'REDUCE_ONLY',
  /** No new orders at all; cancels always pass. */
  HALTED: 'HALTED',
} as const;
export type KillSwitchMode = (typeof KillSwitchMode)[keyof typeof KillSwitchMode];

export type KillSwitchScope =
  | { readonly type: 'global' }
  | { readonly type: 'account'; readonly id: string }
  | { readonly type: 'strategy'; readonly id: string };

/** Modes set per scope; a scope that is absent is ACTIVE. */
export interface KillSwitchState {
  readonly global: KillSwitchMode;
  readonly accounts: ReadonlyMap<string, KillSwitchMode>;
  readonly strategies: ReadonlyMap<string, KillSwitchMode>;
}

export const ALL_ACTIVE: KillSwitchState = {
  global: KillSwitchMode.ACTIVE,
  accounts: new Map(),
  strategies: new Map(),
};

/** The modes one order of `strategyId` in `accountId` is subject to. */
export interface KillSwitchModes {
  readonly global: KillSwitchMode;
  readonly account: KillSwitchMode;
  readonly strategy: KillSwitchMode;
}

const SEVERITY: Readonly<Record<KillSwitchMode, number>> = { ACTIVE: 0, REDUCE_ONLY: 1, HALTED: 2 };

export function killSwitchModesFor(
  state: KillSwitchState,
  accountId: string,
  strategyId: string,
): KillSwitchModes {
  return {
    global: state.global,
    account: state.accounts.get(accountId) ?? KillSwitchMode.ACTIVE,
    strategy: state.strategies.get(strategyId) ?? KillSwitchMode.ACTIVE,
  };
}

/** The strictest mode and the scope that set it; global first on ties. */
export function strictestMode(modes: KillSwitchModes): {
  readonly mode: KillSwitchMode;
  readonly scope: 'global' | 'account' | 'strategy';
} {
  let best: { mode: KillSwitchMode; scope: 'global' | 'account' | 'strategy' } = {
    mode: modes.global,
    scope: 'global',
  };
  for (const scope of ['account', 'strategy'] as const) {
    if (SEVERITY[modes[scope]] > SEVERITY[best.mode]) {
      best = { mode: modes[scope], scope };
    }
  }
  return best;
}

/** The state after setting `mode` on `scope`; ACTIVE removes the scope's entry. */
export function setKillSwitch(
  state: KillSwitchState,
  scope: KillSwitchScope,
  mode: KillSwitchMode,
): KillSwitchState {
  if (scope.type === 'global') {
    return { ...state, global: mode };
  }
  const key = scope.type === 'account' ? 'accounts' : 'strategies';
  const next = new Map(state[key]);
  if (mode === KillSwitchMode.ACTIVE) {
    next.delete(scope.id);
  } else {
    next.set(scope.id, mode);
  }
  return { ...state, [key]: next };
}
