import { connectorStateOf } from './connector-state.js';

const up = { ready: true, reason: 'session 7 up' };

describe('connectorStateOf', () => {
  it.each([
    ['a session not ready', { ready: false, reason: 'miniQMT session disconnected' }, [], 'DOWN'],
    ['a ready session with no account status yet', up, [], 'UP'],
    [
      'every account normal',
      up,
      [
        ['A', 0],
        ['B', 0],
      ],
      'UP',
    ],
    ['an account refreshing its data', up, [['A', 5]], 'UP'],
    ['an account after the close', up, [['A', 6]], 'UP'],
    [
      'one account whose login failed',
      up,
      [
        ['A', 0],
        ['B', 3],
      ],
      'DOWN',
    ],
    ['an account whose look-through link is down', up, [['A', 7]], 'DOWN'],
    ['an account status xtconstant lacks', up, [['A', 86]], 'DOWN'],
  ] as const)('%s → %s', (_what, session, statuses, state) => {
    expect(connectorStateOf(session, new Map(statuses)).state).toBe(state);
  });

  it('names the account and its status in the reason', () => {
    expect(connectorStateOf(up, new Map([['8880000002', 3]])).reason).toBe(
      'account 8880000002 status 3 (login failed)',
    );
  });
});
