import { createRequire } from 'node:module';
import type { Socket } from 'node:net';
import type { ConnectionOptions, RedisOptions } from 'bullmq';
import type { AbstractConnector } from 'ioredis';

type NetStream = Awaited<ReturnType<AbstractConnector['connect']>>;
type ErrorEmitter = Parameters<AbstractConnector['connect']>[0];
/** What ioredis's StandaloneConnector is, as far as a subclass needs it. */
type ConnectorClass = new (options: unknown) => {
  connect(onError: ErrorEmitter): Promise<NetStream>;
};

// ioredis exports the connector base class but not its TCP/TLS connector, which does the work.
const { default: StandaloneConnector } = createRequire(import.meta.url)(
  'ioredis/built/connectors/StandaloneConnector',
) as { default: ConnectorClass };

/**
 * Holds back every write of one event-loop turn and sends them together (cork, then uncork on
 * the next tick): one syscall for the commands of many jobs instead of one each. The bytes and
 * their order are unchanged, which is why this is safe for BullMQ where ioredis's auto-pipelining
 * is not (it regroups commands; bullmq#457). On this VM a socket write was the largest single
 * cost of a connector's route job (docs/benchmarks.md "Connector").
 */
export function coalesceWrites(stream: Socket): void {
  let corked = false;
  const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
  const uncork = (): void => {
    corked = false;
    stream.uncork();
  };
  stream.write = (...args: unknown[]): boolean => {
    if (!corked) {
      corked = true;
      stream.cork();
      process.nextTick(uncork);
    }
    return write(...args);
  };
}

/** ioredis's own connector, with coalesceWrites on every socket it opens (reconnects too). */
class CoalescingConnector extends StandaloneConnector {
  override async connect(onError: ErrorEmitter): Promise<NetStream> {
    const stream = await super.connect(onError);
    coalesceWrites(stream);
    return stream;
  }
}

/** The ioredis options of the BullMQ queues and workers: workers need maxRetriesPerRequest null. */
export function bullMqConnection(url: string): RedisOptions {
  return { url, maxRetriesPerRequest: null };
}

/**
 * A worker's connection options with its writes coalesced (BullMQ copies them into the worker's
 * blocking connection too). Workers only: a queue adds one job at a time, and in the same
 * measurements a sequential add → pick-up took 0.3–0.8 ms with a coalescing queue connection
 * against 0.3 ms without. A client instance is passed through as it is.
 */
export function workerConnection(connection: ConnectionOptions): ConnectionOptions {
  const isClient = typeof (connection as { duplicate?: unknown }).duplicate === 'function';
  return isClient ? connection : { ...connection, Connector: CoalescingConnector };
}
