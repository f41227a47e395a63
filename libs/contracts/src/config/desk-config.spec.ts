import { resolve } from 'node:path';
import { loadDeskConfig, parseDeskConfig } from './load-desk-config.js';

describe('desk config', () => {
  it('loads the shipped sim desk with the accounts, strategies and users API.md lists', () => {
    const config = loadDeskConfig(resolve(import.meta.dirname, '../../../../config/desk.yaml'));
    expect(config.connectors.map((c) => [c.id, c.backend])).toEqual([['sim-1', 'sim']]);
    expect(config.accounts.map((a) => [a.id, a.type, a.connector])).toEqual([
      ['SIM-STOCK', 'STOCK', 'sim-1'],
      ['SIM-CREDIT', 'CREDIT', 'sim-1'],
      ['SIM-FUTURE', 'FUTURE', 'sim-1'],
    ]);
    expect(config.accounts[0]?.cash).toBe(10_000_000);
    expect(config.strategies.map((s) => [s.id, s.apiKey, s.accounts])).toEqual([
      ['alpha', 'dev-alpha', ['SIM-STOCK', 'SIM-CREDIT', 'SIM-FUTURE']],
      ['beta', 'dev-beta', ['SIM-STOCK']],
    ]);
    expect(config.users.map((u) => [u.id, u.apiKey, u.role])).toEqual([
      ['risk-officer', 'dev-risk', 'risk'],
      ['auditor', 'dev-audit', 'compliance'],
      ['admin', 'dev-admin', 'admin'],
    ]);
    expect(config.instruments.map((i) => i.symbol)).toEqual(
      expect.arrayContaining(['000001.SZ', '600000.SH', '688981.SH', '430047.BJ', '113050.SH']),
    );
  });

  it('names the path of an unknown key and of a dangling account', () => {
    const yaml = `
desk: { name: x }
connectors: [{ id: c1, backend: sim, extra: 1 }]
accounts: [{ id: A, type: STOCK, connector: nope, brokerAccountId: '1' }]
`;
    expect(() => parseDeskConfig(yaml)).toThrow(/connectors\.0: Unrecognized key.*extra/);
    expect(() => parseDeskConfig(yaml.replace(', extra: 1', ''))).toThrow(
      /accounts\.0\.connector: unknown connector nope/,
    );
  });

  it('takes exchange holidays as YYYY-MM-DD days and names a bad one', () => {
    const yaml = `
desk: { name: x }
connectors: [{ id: c1, backend: sim }]
accounts: [{ id: A, type: STOCK, connector: c1, brokerAccountId: '1' }]
`;
    expect(parseDeskConfig(yaml).calendar.holidays).toEqual([]);
    expect(
      parseDeskConfig(`${yaml}calendar: { holidays: ['2026-10-01', '2026-10-02'] }\n`).calendar
        .holidays,
    ).toEqual(['2026-10-01', '2026-10-02']);
    expect(() => parseDeskConfig(`${yaml}calendar: { holidays: ['2026-10-1'] }\n`)).toThrow(
      /calendar\.holidays\.0: a day written YYYY-MM-DD/,
    );
    expect(() => parseDeskConfig(`${yaml}calendar: { holidays: ['2026-02-30'] }\n`)).toThrow(
      /calendar\.holidays\.0: not a calendar day/,
    );
  });

  it('refuses plain-text keys on a desk with a real connector', () => {
    const yaml = `
desk: { name: x }
connectors: [{ id: c1, backend: bridge }]
accounts: [{ id: A, type: STOCK, connector: c1, brokerAccountId: '1' }]
users: [{ id: u, apiKey: secret, role: admin }]
`;
    expect(() => parseDeskConfig(yaml)).toThrow(/plain-text API keys for u/);
  });
});
