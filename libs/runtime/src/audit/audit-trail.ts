import type { AuditEntry, AuditRecord } from '@qmt/domain';
import type { AuditLog, OrderLedger } from '@qmt/persistence';

/**
 * The one way code records what happened (docs/audit.md): `record` appends in a transaction of
 * its own; `within` appends inside a ledger transaction, so the record commits with the change
 * it describes (a risk verdict, a batch of broker events) or not at all. Limit and kill-switch
 * changes (issue 5) call `record({ type: AuditType.LIMIT_CHANGE | KILL_SWITCH, actor, role, ... })`.
 */
export class AuditTrail {
  constructor(
    private readonly log: AuditLog,
    private readonly now: () => Date,
  ) {}

  async record(entry: AuditEntry): Promise<AuditRecord> {
    const [record] = await this.log.append([entry], this.now());
    if (record === undefined) {
      throw new Error('the audit log appended nothing for one entry');
    }
    return record;
  }

  within(ledger: OrderLedger, entries: readonly AuditEntry[]): Promise<AuditRecord[]> {
    return ledger.audit.append(entries, this.now());
  }
}
