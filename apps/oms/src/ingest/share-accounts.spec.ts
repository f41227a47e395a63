import { shareAccounts } from './order-events.consumer.js';

describe('ingest loops over the accounts', () => {
  it('deals the accounts round-robin into at most the configured number of loops', () => {
    const accounts = ['A', 'B', 'C', 'D', 'E'];
    expect(shareAccounts(accounts, 1)).toEqual([accounts]);
    expect(shareAccounts(accounts, 2)).toEqual([
      ['A', 'C', 'E'],
      ['B', 'D'],
    ]);
    expect(shareAccounts(['A', 'B'], 4)).toEqual([['A'], ['B']]);
  });
});
