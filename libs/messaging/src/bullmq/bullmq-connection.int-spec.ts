// coalesceWrites over a real TCP socket, and a BullMQ worker over the coalescing connector on Redis.
import { randomUUID } from 'node:crypto';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { Queue, Worker } from 'bullmq';
import { dropQueueNamespace } from '@qmt/testkit';
import { bullMqConnection, coalesceWrites, workerConnection } from './bullmq-connection.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Counts the flushes that reach the socket's handle: one syscall each. */
function countFlushes(socket: Socket): { readonly flushes: number[] } {
  const flushes: number[] = [];
  const internals = socket as unknown as {
    _writev: (chunks: unknown[], cb: () => void) => void;
    _write: (chunk: unknown, encoding: string, cb: () => void) => void;
  };
  const writev = internals._writev.bind(socket);
  const write = internals._write.bind(socket);
  internals._writev = (chunks, cb) => {
    flushes.push(chunks.length);
    writev(chunks, cb);
  };
  internals._write = (chunk, encoding, cb) => {
    flushes.push(1);
    write(chunk, encoding, cb);
  };
  return { flushes };
}

describe('coalesceWrites', () => {
  let server: Server;
  let received = '';
  let port = 0;

  beforeAll(async () => {
    server = createServer((peer) => peer.on('data', (data) => (received += data.toString())));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    port = typeof address === 'object' && address !== null ? address.port : 0;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('sends the writes of one event-loop turn in one flush, in order, and the next turn apart', async () => {
    received = '';
    const socket = connect(port, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', resolve));
    coalesceWrites(socket);
    const { flushes } = countFlushes(socket);

    socket.write('a');
    socket.write('b');
    socket.write('c');
    await new Promise((resolve) => setImmediate(resolve));
    socket.write('d');
    await new Promise((resolve) => setImmediate(resolve));

    const deadline = Date.now() + 2_000;
    while (received.length < 4 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    socket.destroy();
    expect(received).toBe('abcd');
    expect(flushes).toEqual([3, 1]);
  });
});

describe('a BullMQ worker over workerConnection (Redis)', () => {
  const prefix = `t_${randomUUID().replace(/-/g, '').slice(0, 12)}`;

  afterAll(async () => {
    await dropQueueNamespace('redis', prefix);
  });

  it('runs every job of a concurrent burst exactly once and keeps each return value', async () => {
    expect(workerConnection(bullMqConnection(REDIS_URL))).toHaveProperty('Connector');
    const queue = new Queue('coalesced', { connection: bullMqConnection(REDIS_URL), prefix });
    const jobs = Array.from({ length: 500 }, (_, i) => ({ name: 'job', data: { i } }));
    await queue.addBulk(jobs);
    const seen = new Map<number, number>();
    let finished: () => void = () => undefined;
    const allDone = new Promise<void>((resolve) => (finished = resolve));
    const worker = new Worker<{ i: number }, number>(
      'coalesced',
      (job) => {
        seen.set(job.data.i, (seen.get(job.data.i) ?? 0) + 1);
        return Promise.resolve(job.data.i * 2);
      },
      { connection: workerConnection(bullMqConnection(REDIS_URL)), prefix, concurrency: 16 },
    );
    let completed = 0;
    worker.on('completed', () => {
      completed += 1;
      if (completed === jobs.length) {
        finished();
      }
    });
    await allDone;
    const counts = await queue.getJobCounts('completed', 'failed', 'waiting', 'active');
    const sample = await queue.getJob((await queue.getJobs(['completed'], 0, 0))[0]?.id ?? '');
    await worker.close();
    await queue.close();

    expect(seen.size).toBe(500);
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
    expect(counts).toEqual({ completed: 500, failed: 0, waiting: 0, active: 0 });
    expect(sample?.returnvalue).toBe((sample?.data as { i: number }).i * 2);
  });
});
