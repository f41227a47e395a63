import { jest } from '@jest/globals';
import { ScrapeRefresh } from './scrape-refresh.js';

describe('ScrapeRefresh', () => {
  it('runs each refresher once for the gauges of one scrape', async () => {
    let runs = 0;
    const refresh = new ScrapeRefresh();
    refresh.add('bus', () => {
      runs += 1;
    });
    await Promise.all([refresh.run(), refresh.run(), refresh.run()]);
    expect(runs).toBe(1);
  });

  it('counts a failing source and still completes the others', async () => {
    const failed: string[] = [];
    let good = 0;
    const refresh = new ScrapeRefresh((source) => failed.push(source));
    refresh.add('broken', () => Promise.reject(new Error('redis away')));
    refresh.add('fine', () => {
      good += 1;
    });
    await refresh.run();
    expect(failed).toEqual(['broken']);
    expect(good).toBe(1);
  });

  it('gives up on a source that hangs, so /metrics still answers', async () => {
    jest.useFakeTimers();
    try {
      const failed: string[] = [];
      const refresh = new ScrapeRefresh((source) => failed.push(source));
      refresh.add('hung', () => new Promise<void>(() => undefined));
      const run = refresh.run();
      await jest.advanceTimersByTimeAsync(2_001);
      await run;
      expect(failed).toEqual(['hung']);
    } finally {
      jest.useRealTimers();
    }
  });
});
