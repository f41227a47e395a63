// Starts the desk under test in a process of its own (desk-process.ts), so the benchmark's
// client does not share its event loop; resolves once the desk listens.
import { fork } from 'node:child_process';
import { resolve } from 'node:path';

export interface DeskEndpoints {
  readonly httpUrl: string;
  readonly grpcUrl: string;
}

export interface DeskChild extends DeskEndpoints {
  close(): Promise<void>;
}

export async function startDeskProcess(options: {
  readonly databaseUrl: string;
  readonly queueNamespace: string;
  /** Redis Streams and BullMQ on Redis; without it the in-process bus and BullMQ on Postgres. */
  readonly redisUrl?: string;
}): Promise<DeskChild> {
  const child = fork(resolve(import.meta.dirname, 'desk-process.js'), [], {
    execArgv:
      process.env.BENCH_DESK_PROFILE === undefined
        ? []
        : ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_DESK_PROFILE}`],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const endpoints = await new Promise<DeskEndpoints>((done, fail) => {
    child.once('message', (message) => done(message as DeskEndpoints));
    child.once('exit', (code) => fail(new Error(`the desk process exited with ${code}`)));
    child.send({ ...options, grpcPort: 0 });
  });
  return {
    ...endpoints,
    close: () =>
      new Promise<void>((done) => {
        child.once('exit', () => done());
        child.send('close');
      }),
  };
}
