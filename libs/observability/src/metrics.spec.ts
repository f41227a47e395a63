import { GatewayMetrics } from './metrics.js';

async function sample(metrics: GatewayMetrics, name: string) {
  const metric = await metrics.registry.getSingleMetric(name)?.get();
  return (metric?.values ?? []).map((v) => ({ labels: v.labels, value: v.value }));
}

describe('GatewayMetrics', () => {
  it('fills pull gauges from their refresher at scrape time, replacing the last scrape', async () => {
    const metrics = new GatewayMetrics({ defaultMetrics: false });
    let pending = 7;
    metrics.refresh.add('bus', () => {
      metrics.backlog.showStreams([
        { accountId: 'A', group: 'oms', pending, lag: 3 },
        ...(pending > 0 ? [{ accountId: 'B', group: 'risk', pending: 1, lag: null }] : []),
      ]);
    });
    expect(await sample(metrics, 'qmt_stream_pending_entries')).toEqual([
      { labels: { account: 'A', group: 'oms' }, value: 7 },
      { labels: { account: 'B', group: 'risk' }, value: 1 },
    ]);
    // A lag Redis cannot tell is absent, not 0.
    expect(await sample(metrics, 'qmt_stream_lag_entries')).toEqual([
      { labels: { account: 'A', group: 'oms' }, value: 3 },
    ]);
    pending = 0;
    await new Promise((resolve) => setTimeout(resolve, 1_050));
    expect(await sample(metrics, 'qmt_stream_pending_entries')).toEqual([
      { labels: { account: 'A', group: 'oms' }, value: 0 },
    ]);
  });

  it('shows every state of a queue and the oldest waiting job (0 when none waits)', async () => {
    const metrics = new GatewayMetrics({ defaultMetrics: false });
    metrics.refresh.add('bus', () =>
      metrics.backlog.showQueues([
        {
          queue: 'route.sim-1',
          waiting: 2,
          active: 1,
          delayed: 0,
          failed: 4,
          oldestWaitingAgeSeconds: 1.5,
        },
        {
          queue: 'algo.A',
          waiting: 0,
          active: 0,
          delayed: 9,
          failed: 0,
          oldestWaitingAgeSeconds: null,
        },
      ]),
    );
    const jobs = await sample(metrics, 'qmt_queue_jobs');
    expect(jobs).toContainEqual({ labels: { queue: 'route.sim-1', state: 'failed' }, value: 4 });
    expect(jobs).toContainEqual({ labels: { queue: 'algo.A', state: 'delayed' }, value: 9 });
    expect(jobs).toHaveLength(8);
    expect(await sample(metrics, 'qmt_queue_oldest_job_age_seconds')).toEqual([
      { labels: { queue: 'route.sim-1' }, value: 1.5 },
      { labels: { queue: 'algo.A' }, value: 0 },
    ]);
  });

  it.each([
    [{ ok: true, checked: 12 }, 1],
    [{ ok: false, checked: 4 }, 0],
  ])('records an audit verification %j as chain_ok %d', async (report, ok) => {
    const metrics = new GatewayMetrics({ defaultMetrics: false });
    metrics.audit.record(report, 1_700_000_000_000, 0.02);
    expect(await sample(metrics, 'qmt_audit_chain_ok')).toEqual([{ labels: {}, value: ok }]);
    expect(await sample(metrics, 'qmt_audit_verified_records')).toEqual([
      { labels: {}, value: report.checked },
    ]);
    expect(await sample(metrics, 'qmt_audit_last_verify_timestamp_seconds')).toEqual([
      { labels: {}, value: 1_700_000_000 },
    ]);
  });

  it('names every metric qmt_<area>_<thing>_<unit> with snake-case labels', () => {
    const metrics = new GatewayMetrics({ defaultMetrics: false });
    const names = metrics.registry.getMetricsAsArray().map((m) => m.name);
    expect(names.length).toBeGreaterThan(30);
    for (const name of names) {
      expect(name).toMatch(/^qmt_[a-z]+(_[a-z]+)+$/);
    }
  });
});
