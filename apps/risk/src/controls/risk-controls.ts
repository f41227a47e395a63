import { Inject, Injectable } from '@nestjs/common';
import {
  documentFromLimits,
  parseRiskLimits,
  type LimitFieldError,
  type RiskLimitsDocument,
} from '@qmt/contracts';
import {
  ALL_ACTIVE,
  DEFAULT_RISK_LIMITS,
  KillSwitchMode,
  setKillSwitch,
  type KillSwitchScope,
  type KillSwitchState,
  type RiskLimits,
} from '@qmt/domain';
import type { Logger } from '@qmt/observability';
import { RiskControlStore } from '@qmt/persistence';
import { DeskDirectory, ExchangeClock, LOGGER } from '@qmt/runtime';

/** The store calls RiskControls makes (the unit tests hand it an in-memory one). */
export type ControlStore = Pick<
  RiskControlStore,
  'limits' | 'seedLimits' | 'replaceLimits' | 'killSwitches' | 'setKillSwitch' | 'versions'
>;

export type LimitsChange =
  | {
      readonly ok: true;
      readonly version: number;
      readonly before: RiskLimitsDocument;
      readonly after: RiskLimitsDocument;
    }
  | { readonly ok: false; readonly errors: readonly LimitFieldError[] };

export interface KillSwitchChange {
  readonly scope: KillSwitchScope;
  readonly before: KillSwitchMode;
  readonly after: KillSwitchMode;
}

export function killSwitchModeOf(state: KillSwitchState, scope: KillSwitchScope): KillSwitchMode {
  switch (scope.type) {
    case 'global':
      return state.global;
    case 'account':
      return state.accounts.get(scope.id) ?? KillSwitchMode.ACTIVE;
    case 'strategy':
      return state.strategies.get(scope.id) ?? KillSwitchMode.ACTIVE;
  }
}

function isMode(value: string): value is KillSwitchMode {
  return (Object.values(KillSwitchMode) as string[]).includes(value);
}

/**
 * The limits and kill switch every check reads, held in memory (a check never awaits them) and
 * kept in Postgres (risk_limits, risk_kill_switches). A change made here applies at once in this
 * instance; the others learn of it from `refresh`, which compares the stored versions (a poll
 * every second by default, docs/risk-service.md "Propagation").
 */
@Injectable()
export class RiskControls {
  private current: RiskLimits = DEFAULT_RISK_LIMITS;
  private currentDocument: RiskLimitsDocument = documentFromLimits(DEFAULT_RISK_LIMITS);
  private state: KillSwitchState = ALL_ACTIVE;
  private seen = { limits: -1, killSwitch: -1 };

  constructor(
    @Inject(RiskControlStore) private readonly store: ControlStore,
    private readonly desk: DeskDirectory,
    private readonly clock: ExchangeClock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  get limits(): RiskLimits {
    return this.current;
  }

  get document(): RiskLimitsDocument {
    return this.currentDocument;
  }

  get killSwitch(): KillSwitchState {
    return this.state;
  }

  get version(): number {
    return this.seen.limits;
  }

  /** Seeds the table from desk.yaml's `limits:` on the very first start, then loads both. */
  async load(): Promise<void> {
    const seed = this.desk.config.limits ?? documentFromLimits(DEFAULT_RISK_LIMITS);
    const seeded = await this.store.seedLimits(seed, this.clock.now());
    if (seeded) {
      this.logger.info('risk limits seeded from the desk file');
    }
    await this.reloadLimits();
    await this.reloadKillSwitch();
    this.seen = await this.store.versions();
  }

  /** Picks up another instance's change; cheap when nothing changed (one row read). */
  async refresh(): Promise<boolean> {
    const versions = await this.store.versions();
    let changed = false;
    if (versions.limits !== this.seen.limits) {
      await this.reloadLimits();
      changed = true;
    }
    if (versions.killSwitch !== this.seen.killSwitch) {
      await this.reloadKillSwitch();
      changed = true;
    }
    this.seen = versions;
    return changed;
  }

  /** Replaces the whole limit document; a bad one changes nothing and names every bad path. */
  async setLimits(input: unknown, by: string): Promise<LimitsChange> {
    const parsed = parseRiskLimits(input);
    if (!parsed.ok) {
      return parsed;
    }
    const before = this.currentDocument;
    const version = await this.store.replaceLimits(parsed.document, by, this.clock.now());
    this.current = parsed.limits;
    this.currentDocument = documentFromLimits(parsed.limits);
    this.seen = { ...this.seen, limits: version };
    this.logger.info({ version, by }, 'risk limits changed');
    return { ok: true, version, before, after: this.currentDocument };
  }

  /** Sets one scope's mode, stored before it applies (so a restart keeps it). */
  async setKillSwitch(
    scope: KillSwitchScope,
    mode: KillSwitchMode,
    by: string,
    reason: string,
  ): Promise<KillSwitchChange> {
    const before = killSwitchModeOf(this.state, scope);
    await this.store.setKillSwitch({
      scopeType: scope.type,
      scopeId: scope.type === 'global' ? '' : scope.id,
      mode,
      reason,
      updatedAt: this.clock.now(),
      updatedBy: by,
    });
    this.state = setKillSwitch(this.state, scope, mode);
    this.logger.warn({ scope, mode, before, by, reason }, 'kill switch set');
    return { scope, before, after: mode };
  }

  private async reloadLimits(): Promise<void> {
    const stored = await this.store.limits();
    if (stored === null) {
      return;
    }
    const parsed = parseRiskLimits(stored.document);
    if (!parsed.ok) {
      // Only a hand edit of the table gets here: keep the limits in force rather than none.
      this.logger.error({ errors: parsed.errors }, 'stored risk limits do not parse; kept');
      return;
    }
    this.current = parsed.limits;
    this.currentDocument = documentFromLimits(parsed.limits);
  }

  private async reloadKillSwitch(): Promise<void> {
    let state: KillSwitchState = ALL_ACTIVE;
    for (const row of await this.store.killSwitches()) {
      if (!isMode(row.mode)) {
        continue;
      }
      const scope: KillSwitchScope =
        row.scopeType === 'global' ? { type: 'global' } : { type: row.scopeType, id: row.scopeId };
      state = setKillSwitch(state, scope, row.mode);
    }
    this.state = state;
  }
}
