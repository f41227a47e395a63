// A scripted session (a fill, a cancel, a risk rejection, an audit verification) against oms,
// risk and one sim connector as processes; then every app's /metrics is scraped and every
// metric a Grafana panel or an alert rule asks for must be there. The dashboards and the rules
// parse. The request id of the session's orders is followed through HTTP, gRPC, BullMQ and the
// bus.
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { eventStreamKey } from '@qmt/contracts';
import {
  TEST_REDIS_URL,
  apiClient,
  eventually,
  isBalanced,
  marketableBuy,
  metricsOfExpression,
  parseExposition,
  startServices,
  type Exposition,
  type RunningServices,
  type ServiceName,
} from '@qmt/testkit';
import { Redis } from 'ioredis';
import { parse } from 'yaml';

const ROOT = resolve(import.meta.dirname, '../..');
const DASHBOARDS = join(ROOT, 'deploy/grafana/dashboards');

interface Panel {
  readonly title: string;
  readonly type: string;
  readonly targets?: readonly { readonly expr: string }[];
}
interface Rule {
  readonly alert: string;
  readonly expr: string;
  readonly labels: { readonly severity: string };
  readonly annotations: { readonly summary: string };
}

const dashboards = readdirSync(DASHBOARDS)
  .filter((f) => f.endsWith('.json'))
  .map((file) => ({
    file,
    json: JSON.parse(readFileSync(join(DASHBOARDS, file), 'utf8')) as {
      uid: string;
      title: string;
      panels: Panel[];
    },
  }));
const rules = (
  parse(readFileSync(join(ROOT, 'deploy/prometheus/alerts.yml'), 'utf8')) as {
    groups: { rules: Rule[] }[];
  }
).groups.flatMap((g) => g.rules);

/** Every expression with where it comes from. */
const expressions = [
  ...dashboards.flatMap(({ file, json }) =>
    json.panels.flatMap((p) =>
      (p.targets ?? []).map((t) => ({ where: `${file}: ${p.title}`, expr: t.expr })),
    ),
  ),
  ...rules.map((r) => ({ where: `alert ${r.alert}`, expr: r.expr })),
];

/** The session is set up in beforeAll, where a failed step stops everything at once. */
function must(condition: boolean, what: string): void {
  if (!condition) {
    throw new Error(what);
  }
}

describe('metrics after a scripted session, on every app', () => {
  let services: RunningServices;
  const scraped = {} as Record<ServiceName, Exposition>;
  const requestId = `obs-e2e-${Date.now()}`;
  let filledOrderId: string;
  let echoedRequestId: string | null = null;

  beforeAll(async () => {
    services = await startServices({ logLevel: { risk: 'debug' } });
    const alpha = apiClient(services.urls.oms, 'dev-alpha');
    // A fill, its request id given by the caller.
    const response = await fetch(`${services.urls.oms}/v1/orders`, {
      method: 'POST',
      headers: {
        authorization: 'Bearer dev-alpha',
        'content-type': 'application/json',
        'x-request-id': requestId,
      },
      body: JSON.stringify(marketableBuy(services.account, `obs-fill-${services.suffix}`)),
    });
    must(response.status === 201, `the fill was not accepted (${response.status})`);
    echoedRequestId = response.headers.get('x-request-id');
    filledOrderId = String(((await response.json()) as { orderId: string }).orderId);
    // A resting order, cancelled.
    const resting = await alpha.post('/v1/orders', {
      ...marketableBuy(services.account, `obs-rest-${services.suffix}`),
      price: 11.4,
    });
    const restingId = String(resting.body.orderId);
    await eventually(async () =>
      (await alpha.get(`/v1/orders/${restingId}`)).body.status === 'ORDER_REPORTED'
        ? true
        : undefined,
    );
    must(
      (await alpha.post(`/v1/orders/${restingId}/cancel`)).status === 202,
      'the cancel was not accepted',
    );
    // A risk rejection.
    const rejected = await alpha.post(
      '/v1/orders',
      marketableBuy(services.account, `obs-lot-${services.suffix}`, 150),
    );
    must(rejected.body.status === 'REJECTED', 'the odd lot was not rejected');
    await eventually(async () =>
      (await alpha.get(`/v1/orders/${filledOrderId}`)).body.status === 'ORDER_SUCCEEDED'
        ? true
        : undefined,
    );
    await eventually(async () =>
      (await alpha.get(`/v1/orders/${restingId}`)).body.status === 'ORDER_CANCELED'
        ? true
        : undefined,
    );
    const verified = await apiClient(services.urls.oms, 'dev-audit').get('/v1/audit/verify');
    must(verified.body.ok === true, 'the audit chain did not verify');
    for (const service of Object.keys(services.urls) as ServiceName[]) {
      const metrics = await fetch(`${services.urls[service]}/metrics`);
      must(metrics.status === 200, `${service} /metrics answered ${metrics.status}`);
      scraped[service] = parseExposition(await metrics.text());
    }
  }, 90_000);

  afterAll(async () => {
    await services?.stop();
  });

  const everywhere = () => Object.values(scraped);
  const samples = (service: ServiceName, name: string) =>
    scraped[service].samples.filter((s) => s.name === name);

  it('has every metric a dashboard panel or an alert rule uses, on some app', () => {
    const declared = new Set(everywhere().flatMap((e) => [...e.types.keys()]));
    const missing = expressions.flatMap(({ where, expr }) =>
      metricsOfExpression(expr)
        .filter((name) => !declared.has(name))
        .map((name) => `${name} (${where})`),
    );
    expect(missing).toEqual([]);
    // Not a vacuous check: the panels and rules name dozens of metrics.
    expect(new Set(expressions.flatMap((e) => metricsOfExpression(e.expr))).size).toBeGreaterThan(
      40,
    );
  });

  it('shows the session: submitted, rejected by rule, filled, cancelled, each stage timed', () => {
    const labels = { account: services.account, strategy: 'alpha' };
    expect(samples('oms', 'qmt_orders_submitted_total')).toContainEqual({
      name: 'qmt_orders_submitted_total',
      labels: { ...labels, app: 'oms' },
      value: 3,
    });
    expect(samples('oms', 'qmt_orders_rejected_total')).toContainEqual(
      expect.objectContaining({ labels: { ...labels, rule: 'LOT_SIZE', app: 'oms' }, value: 1 }),
    );
    expect(samples('oms', 'qmt_orders_filled_total')[0]?.value).toBe(1);
    expect(samples('oms', 'qmt_orders_cancelled_total')[0]?.value).toBe(1);
    const stageCount = (service: ServiceName, stage: string) =>
      samples(service, 'qmt_order_stage_duration_seconds_count').find(
        (s) => s.labels.stage === stage,
      )?.value ?? 0;
    for (const stage of ['api_to_risk', 'risk_check', 'broker_event_to_persisted', 'end_to_end']) {
      expect([stage, stageCount('oms', stage) > 0]).toEqual([stage, true]);
    }
    expect(stageCount('connector', 'route_to_broker_ack')).toBe(2);
    expect(samples('risk', 'qmt_risk_check_duration_seconds_count')[0]?.value).toBe(3);
  });

  it('shows the connector up, its route jobs, and the backlog of every group and queue', () => {
    expect(samples('connector', 'qmt_connector_up')).toEqual([
      {
        name: 'qmt_connector_up',
        labels: { connector: services.connectorId, app: 'connector' },
        value: 1,
      },
    ]);
    const jobs = samples('connector', 'qmt_connector_route_jobs_total').map((s) => [
      s.labels.kind,
      s.labels.outcome,
      s.value,
    ]);
    expect(jobs).toEqual(
      expect.arrayContaining([
        ['PLACE', 'SENT', 2],
        ['CANCEL', 'SENT', 1],
      ]),
    );
    const groups = [
      ...samples('oms', 'qmt_stream_pending_entries'),
      ...samples('risk', 'qmt_stream_pending_entries'),
    ]
      .filter((s) => s.labels.account === services.account)
      .map((s) => s.labels.group)
      .sort();
    expect(groups).toEqual(['oms', 'risk']);
    const queue = `route.${services.connectorId}`;
    for (const service of ['risk', 'connector'] as const) {
      expect(
        samples(service, 'qmt_queue_jobs')
          .filter((s) => s.labels.queue === queue)
          .map((s) => s.labels.state)
          .sort(),
      ).toEqual(['active', 'delayed', 'failed', 'waiting']);
    }
    expect(samples('risk', 'qmt_risk_limit_usage_ratio')).toContainEqual(
      expect.objectContaining({
        labels: expect.objectContaining({ limit: 'STRATEGY_BUDGET', strategy: 'alpha' }) as object,
      }),
    );
    expect(samples('oms', 'qmt_audit_chain_ok')[0]?.value).toBe(1);
    expect(samples('oms', 'qmt_exchange_continuous_session')[0]?.value).toBe(1);
  });

  it('has dashboards that parse, each with panels asking Prometheus, and rules with a severity', () => {
    expect(dashboards.map((d) => d.json.uid).sort()).toEqual([
      'qmt-algos',
      'qmt-connectors',
      'qmt-desk-overview',
      'qmt-oms-ingestion',
      'qmt-risk',
    ]);
    for (const { json } of dashboards) {
      const queried = json.panels.filter((p) => p.type !== 'row');
      expect(queried.length).toBeGreaterThan(3);
      expect(queried.filter((p) => (p.targets ?? []).length === 0).map((p) => p.title)).toEqual([]);
    }
    expect(rules.map((r) => r.alert)).toEqual(
      expect.arrayContaining([
        'ConnectorDown',
        'StreamLag',
        'RejectionSpike',
        'LimitUsageHigh',
        'AuditChainBroken',
        'NoFillsWhileOrdersWork',
      ]),
    );
    for (const rule of rules) {
      expect([
        rule.alert,
        ['critical', 'warning'].includes(rule.labels.severity),
        rule.annotations.summary !== '',
      ]).toEqual([rule.alert, true, true]);
    }
    expect(expressions.filter((e) => !isBalanced(e.expr)).map((e) => e.where)).toEqual([]);
  });

  it('carries the request id through gRPC to risk, into the route job and onto the bus', async () => {
    expect(echoedRequestId).toBe(requestId);
    const riskLines = services
      .output('risk')
      .split('\n')
      .flatMap((line) => {
        try {
          return [JSON.parse(line) as Record<string, unknown>];
        } catch {
          return [];
        }
      })
      .filter((line) => line.orderId === filledOrderId);
    expect(riskLines.length).toBeGreaterThan(0);
    for (const line of riskLines) {
      expect(line).toMatchObject({
        requestId,
        clientOrderId: `obs-fill-${services.suffix}`,
        accountId: services.account,
        strategyId: 'alpha',
      });
    }
    const redis = new Redis(TEST_REDIS_URL);
    try {
      const job = await redis.hget(
        `bull:route.${services.connectorId}:place-${filledOrderId}`,
        'data',
      );
      expect(JSON.parse(job ?? '{}')).toMatchObject({
        requestId,
        clientOrderId: `obs-fill-${services.suffix}`,
      });
      const entries = await redis.xrange(eventStreamKey(services.account), '-', '+');
      const events = entries
        .map(
          ([, fields]) =>
            JSON.parse(fields[1] ?? '{}') as { orderId?: string; type: string; requestId?: string },
        )
        .filter((e) => e.orderId === filledOrderId);
      expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['ORDER_ACK', 'TRADE']));
      expect(events.filter((e) => e.requestId !== requestId)).toEqual([]);
    } finally {
      redis.disconnect();
    }
  });
});
