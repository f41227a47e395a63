import { Gauge, Histogram, type Registry } from 'prom-client';

/** Set by every verification of the hash chain (the periodic one and GET /v1/audit/verify). */
export function auditMetrics(registry: Registry) {
  const chainOk = new Gauge({
    name: 'qmt_audit_chain_ok',
    help: '1 when the last verification of the audit hash chain found it whole, 0 when broken',
    registers: [registry],
  });
  const verifiedRecords = new Gauge({
    name: 'qmt_audit_verified_records',
    help: 'Audit records found good by the last verification',
    registers: [registry],
  });
  const lastVerified = new Gauge({
    name: 'qmt_audit_last_verify_timestamp_seconds',
    help: 'Unix time of the last verification of the audit chain',
    registers: [registry],
  });
  const verifyDuration = new Histogram({
    name: 'qmt_audit_verify_duration_seconds',
    help: 'Time to walk the whole audit chain',
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60],
    registers: [registry],
  });
  return {
    chainOk,
    verifiedRecords,
    lastVerified,
    verifyDuration,
    /** Records one verification's outcome; `atMs` is wall-clock epoch ms. */
    record(
      report: { readonly ok: boolean; readonly checked: number },
      atMs: number,
      seconds: number,
    ) {
      chainOk.set(report.ok ? 1 : 0);
      verifiedRecords.set(report.checked);
      lastVerified.set(atMs / 1000);
      verifyDuration.observe(seconds);
    },
  };
}
