import type { AuditEntry } from '@qmt/domain';
import type { AuditLog, OrderLedger } from '@qmt/persistence';

/**
 * The one way code records what happened (docs/audit.md): `record` queues an entry in a
 * transaction of its own; `within` queues it inside a ledger transaction, so the entry commits
 * with the change it describes (a risk verdict, a batch of broker events) or not at all. The
 * sealer (AuditSealer) chains queued entries within a fraction of a second; `seal` does it now.
 * Limit and kill-switch changes call `record({ type: AuditType.LIMIT_CHANGE | KILL_SWITCH, ... })`.
 */
export class AuditTrail {
  constructor(
    private readonly log: AuditLog,
    private readonly clock: () => Date,
  ) {}

  /** The time an entry queued now is stamped with. */
  now(): Date {
    return this.clock();
  }

  record(entry: AuditEntry): Promise<void> {
    return this.log.append([entry], this.clock());
  }

  within(ledger: OrderLedger, entries: readonly AuditEntry[]): Promise<void> {
    return ledger.audit.append(entries, this.clock());
  }

  /** Chains everything committed so far; returns how many records it sealed. */
  seal(): Promise<number> {
    return this.log.seal();
  }
}
