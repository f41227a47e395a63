import { GENESIS_HASH, chainInput, type AuditRecord } from './audit-record.js';
import { CHAIN_START, verifyPage, type Digest } from './chain-verification.js';

// The walk does not depend on which hash it is given; a small deterministic one keeps the domain
// free of node:crypto (the persistence tests run it with sha256).
const digest: Digest = (text) => {
  let h = 2166136261;
  for (let i = 0; i < text.length; i += 1) {
    h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  }
  return h.toString(16).padStart(64, '0');
};

function chain(length: number): AuditRecord[] {
  const records: AuditRecord[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= length; seq += 1) {
    const unhashed = {
      seq,
      at: new Date(Date.UTC(2026, 10, 24, 2, 0, seq)),
      type: 'REQUEST',
      actor: 'alpha',
      role: 'trader',
      ip: '127.0.0.1',
      accountId: 'SIM-STOCK',
      strategyId: 'alpha',
      orderId: null,
      detail: { method: 'POST', path: '/v1/orders', status: 201 },
    };
    const hash = digest(chainInput(prevHash, unhashed));
    records.push({ ...unhashed, prevHash, hash });
    prevHash = hash;
  }
  return records;
}

describe('verifyPage', () => {
  it('accepts an intact chain and ends on its last record', () => {
    const records = chain(5);
    expect(verifyPage(CHAIN_START, records, digest)).toEqual({
      ok: true,
      checked: 5,
      position: { seq: 5, hash: records[4]!.hash },
    });
  });

  it('continues from a position, page after page', () => {
    const records = chain(6);
    const first = verifyPage(CHAIN_START, records.slice(0, 3), digest);
    const position = first.ok ? first.position : CHAIN_START;
    expect(position.seq).toBe(3);
    expect(verifyPage(position, records.slice(3), digest)).toMatchObject({ ok: true, checked: 3 });
  });

  it('accepts an empty log', () => {
    expect(verifyPage(CHAIN_START, [], digest)).toEqual({
      ok: true,
      checked: 0,
      position: CHAIN_START,
    });
  });

  it.each<[string, (records: AuditRecord[]) => AuditRecord[], object]>([
    [
      'an edited field',
      (r) => r.map((x) => (x.seq === 3 ? { ...x, actor: 'beta' } : x)),
      { kind: 'HASH', seq: 3 },
    ],
    [
      'an edited detail',
      (r) => r.map((x) => (x.seq === 2 ? { ...x, detail: { ...x.detail, status: 200 } } : x)),
      { kind: 'HASH', seq: 2 },
    ],
    [
      'a row rehashed after an edit (its successor no longer links)',
      (r) =>
        r.map((x) => {
          if (x.seq !== 2) {
            return x;
          }
          const edited = { ...x, actor: 'beta' };
          return { ...edited, hash: digest(chainInput(edited.prevHash, edited)) };
        }),
      { kind: 'PREV_HASH', seq: 3 },
    ],
    ['a deleted row', (r) => r.filter((x) => x.seq !== 4), { kind: 'GAP', seq: 4 }],
    ['a deleted first row', (r) => r.slice(1), { kind: 'GAP', seq: 1 }],
    [
      'a renumbered row',
      (r) => r.map((x) => (x.seq === 5 ? { ...x, seq: 6 } : x)),
      { kind: 'GAP', seq: 5 },
    ],
  ])('names the first bad record after %s', (_case, tamper, broken) => {
    const verdict = verifyPage(CHAIN_START, tamper(chain(6)), digest);
    expect(verdict.ok).toBe(false);
    expect(verdict).toMatchObject({ broken });
  });

  it('counts the records checked before the break', () => {
    const records = chain(6).map((x) => (x.seq === 4 ? { ...x, ip: '10.0.0.9' } : x));
    expect(verifyPage(CHAIN_START, records, digest)).toMatchObject({ ok: false, checked: 3 });
  });
});
