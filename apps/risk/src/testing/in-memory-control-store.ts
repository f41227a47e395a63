import type { ControlVersions, StoredKillSwitch, StoredLimits } from '@qmt/persistence';
import type { ControlStore } from '../controls/risk-controls.js';

/**
 * risk_limits and risk_kill_switches in memory, for unit tests and the benchmark; several
 * RiskControls sharing one instance behave like risk instances sharing one database.
 */
export class InMemoryControlStore implements ControlStore {
  private stored: StoredLimits | null = null;
  private killSwitchVersion = 0;
  private readonly switches = new Map<string, StoredKillSwitch>();

  limits(): Promise<StoredLimits | null> {
    return Promise.resolve(this.stored);
  }

  seedLimits(document: unknown, at: Date): Promise<boolean> {
    if (this.stored !== null) {
      return Promise.resolve(false);
    }
    this.stored = { document, version: 1, updatedAt: at, updatedBy: 'desk.yaml' };
    return Promise.resolve(true);
  }

  replaceLimits(document: unknown, by: string, at: Date): Promise<number> {
    const version = (this.stored?.version ?? 0) + 1;
    this.stored = { document, version, updatedAt: at, updatedBy: by };
    return Promise.resolve(version);
  }

  killSwitches(): Promise<StoredKillSwitch[]> {
    return Promise.resolve([...this.switches.values()]);
  }

  setKillSwitch(entry: StoredKillSwitch): Promise<void> {
    this.switches.set(`${entry.scopeType}:${entry.scopeId}`, entry);
    this.killSwitchVersion += 1;
    return Promise.resolve();
  }

  versions(): Promise<ControlVersions> {
    return Promise.resolve({
      limits: this.stored?.version ?? 0,
      killSwitch: this.killSwitchVersion,
    });
  }
}
