// algo.<accountId> on BullMQ with Redis and with BullMQ's PostgreSQL backend: a handler that
// defers a job (its account held elsewhere) sees it again later under the same id without
// spending an attempt, and a stopped account's jobs wait for the next worker.
import { randomUUID } from 'node:crypto';
import type { AlgoJob } from '@qmt/contracts';
import { dropQueueNamespace, eventually } from '@qmt/testkit';
import { AlgoJobDeferred } from '../ports/algo-queue.port.js';
import { bullMqConnection } from './bullmq-connection.js';
import { BullMqAlgoQueue } from './bullmq.algo-queue.js';
import type { RouteQueueConfig } from './bullmq.route-queue.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const bucket = (accountId: string, n: number): AlgoJob => ({
  kind: 'BUCKET',
  accountId,
  parentId: `QP${randomUUID().slice(0, 8)}`,
  bucket: n,
});

describe.each<[string, 'redis' | 'postgres']>([
  ['Redis', 'redis'],
  ['PostgreSQL', 'postgres'],
])('algo queue on BullMQ with %s', (_name, kind) => {
  const namespace = `t_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  let queue: BullMqAlgoQueue;

  beforeAll(() => {
    const config: RouteQueueConfig =
      kind === 'redis'
        ? { kind, connection: bullMqConnection(REDIS_URL), prefix: namespace }
        : { kind, connectionString: POSTGRES_URL, schema: namespace };
    queue = new BullMqAlgoQueue(config);
  });

  afterAll(async () => {
    await queue.close();
    await dropQueueNamespace(kind, namespace);
  });

  it('runs a deferred job again after its delay, as often as it is deferred, spending no attempt', async () => {
    const account = `A${randomUUID().slice(0, 8)}`;
    const runs: number[] = [];
    // More deferrals than the job has attempts (5): only a spent attempt could stop it.
    await queue.work([account], (job) => {
      runs.push(Date.now());
      if (runs.length <= 6) {
        throw new AlgoJobDeferred(50, `not held (${job.parentId})`);
      }
      return Promise.resolve();
    });
    await queue.schedule(bucket(account, 0), 0);
    await eventually(() => (runs.length >= 7 ? true : undefined), { timeoutMs: 20_000 });
    await eventually(async () => ((await queue.pending(account)) === 0 ? true : undefined));
    expect(runs.length).toBe(7);
    // Each run after a deferral came at least its delay later.
    for (let i = 1; i < runs.length; i++) {
      expect((runs[i] ?? 0) - (runs[i - 1] ?? 0)).toBeGreaterThanOrEqual(45);
    }
  });

  it('leaves a stopped account its jobs for the next worker', async () => {
    const account = `A${randomUUID().slice(0, 8)}`;
    const first: AlgoJob[] = [];
    await queue.work([account], (job) => {
      first.push(job);
      return Promise.resolve();
    });
    await queue.stopWorking([account]);
    await queue.schedule(bucket(account, 1), 0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(first).toEqual([]);
    expect(await queue.pending(account)).toBe(1);
    const second: AlgoJob[] = [];
    await queue.work([account], (job) => {
      second.push(job);
      return Promise.resolve();
    });
    await eventually(() => (second.length === 1 ? true : undefined));
    expect(second[0]).toMatchObject({ kind: 'BUCKET', bucket: 1 });
    expect(first).toEqual([]);
  });
});
