import { eventStreamKey, type GatewayEvent } from '@qmt/contracts';
import { deliveredOf, readReply, type RawEntry } from './stream-entries.js';

const KEY = eventStreamKey('ACC-1');

const event: GatewayEvent = {
  eventId: 'e-1',
  type: 'CONNECTOR_STATUS',
  accountId: 'ACC-1',
  ts: new Date(0).toISOString(),
  source: 'test',
  payload: { connectorId: 'c', state: 'UP', reason: 'r' },
};

describe('readReply', () => {
  const entries: RawEntry[] = [['1-0', ['event', '{}']]];

  it.each<[string, unknown]>([
    ['RESP2 nested pairs', [[KEY, entries]]],
    ['RESP3 map, legacy reply mapping (flat)', [KEY, entries]],
    ['RESP3 map, resp3 reply mapping (object)', { [KEY]: entries }],
  ])('reads %s', (_shape, reply) => {
    expect(readReply(reply)).toEqual([{ key: KEY, entries }]);
  });

  it('reads a timed-out read as no streams', () => {
    expect(readReply(null)).toEqual([]);
  });
});

describe('deliveredOf', () => {
  it('parses the event field into the envelope, with the account of the key and its text', () => {
    const text = JSON.stringify(event);
    expect(deliveredOf(KEY, ['1-0', ['event', text]])).toEqual({
      entryId: '1-0',
      accountId: 'ACC-1',
      ok: true,
      event,
      raw: text,
    });
  });

  it.each<[string, RawEntry, string]>([
    ['text that is not JSON', ['2-0', ['event', '{oops']], 'not JSON'],
    ['an envelope that breaks the schema', ['3-0', ['event', '{"type":"NOPE"}']], ''],
    ['an entry without the event field', ['4-0', ['other', 'x']], 'no event field'],
    ['a deleted entry', ['5-0', null], 'deleted'],
  ])('hands on %s as not ok', (_case, entry, error) => {
    const delivered = deliveredOf(KEY, entry);
    expect(delivered).toMatchObject({ entryId: entry[0], accountId: 'ACC-1', ok: false });
    expect(delivered.ok ? '' : delivered.error).toContain(error);
  });

  it('does not mistake a value for the event field name', () => {
    expect(deliveredOf(KEY, ['6-0', ['note', 'event']])).toMatchObject({ ok: false });
  });
});
