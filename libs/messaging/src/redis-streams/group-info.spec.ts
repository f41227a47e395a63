import { parseGroupInfo } from './group-info.js';

describe('parseGroupInfo', () => {
  it.each<[string, unknown]>([
    [
      'flat field lists (RESP2, legacy mapping)',
      [
        ['name', 'oms', 'consumers', 1, 'pending', 4, 'last-delivered-id', '9-0', 'lag', 2],
        ['name', 'risk', 'consumers', 0, 'pending', 0, 'entries-read', null, 'lag', null],
      ],
    ],
    [
      'objects (resp3 mapping)',
      [
        { name: 'oms', consumers: 1, pending: 4, lag: 2 },
        { name: 'risk', pending: 0, lag: null },
      ],
    ],
  ])('reads %s', (_shape, reply) => {
    expect(parseGroupInfo(reply)).toEqual([
      { name: 'oms', pending: 4, lag: 2 },
      { name: 'risk', pending: 0, lag: null },
    ]);
  });

  it.each([null, 'ERR', 7])('reads %p as no groups', (reply) => {
    expect(parseGroupInfo(reply)).toEqual([]);
  });

  it('skips an entry without a name', () => {
    expect(parseGroupInfo([['pending', 1]])).toEqual([]);
  });
});
