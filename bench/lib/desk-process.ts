// The desk under test in a process of its own, so a benchmark's load generator does not share
// its event loop: started with fork(), it answers { httpUrl, grpcUrl } once listening and closes
// on a 'close' message.
import { loadDeskConfig } from '@qmt/contracts';
import { createDeskApp } from '@qmt/desk';
import { createLogger } from '@qmt/observability';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

function freePort(): Promise<number> {
  return new Promise((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

interface Start {
  readonly databaseUrl: string;
  readonly redisUrl?: string;
  readonly queueNamespace: string;
  readonly grpcPort: number;
}

process.once('message', (message: Start) => {
  void (async () => {
    const app = await createDeskApp({
      desk: loadDeskConfig(resolve(import.meta.dirname, '../../desk.yaml')),
      databaseUrl: message.databaseUrl,
      ...(message.redisUrl === undefined ? {} : { redisUrl: message.redisUrl }),
      queueNamespace: message.queueNamespace,
      risk: { mode: 'in-process' },
      httpPort: 0,
      grpcPort: message.grpcPort === 0 ? await freePort() : message.grpcPort,
      logger: createLogger('silent'),
      ...(process.env.OMS_INGEST_LOOPS === undefined
        ? {}
        : { ingestLoops: Number(process.env.OMS_INGEST_LOOPS) }),
    });
    process.on('message', (next: unknown) => {
      if (next === 'close') {
        void app.close().then(() => process.exit(0));
      }
    });
    process.send?.({ httpUrl: app.httpUrl, grpcUrl: app.grpcUrl, cpu: process.cpuUsage() });
  })();
});
