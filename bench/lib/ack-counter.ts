// Reads an account's event stream in a process of its own, as the OMS would, and reports when
// the last of the expected ORDER_ACKs arrived: the connector under test keeps its event loop.
// Started with fork(); told { redisUrl, key, expected }, answers { ready } once reading and
// { lastAckAt } (epoch ms with sub-ms precision, comparable across processes) when done.
import { Redis } from 'ioredis';
import { streamTail } from './stream-tail.js';

interface Count {
  readonly redisUrl: string;
  readonly key: string;
  readonly expected: number;
}

const epochMs = (): number => performance.timeOrigin + performance.now();

process.once('message', (message: Count) => {
  void (async () => {
    const redis = new Redis(message.redisUrl);
    let acks = 0;
    let last = await streamTail(redis, message.key);
    process.send?.({ ready: true });
    while (acks < message.expected) {
      const reply = await redis.xread('COUNT', 1000, 'BLOCK', 1000, 'STREAMS', message.key, last);
      for (const [, entries] of reply ?? []) {
        for (const [id, fields] of entries) {
          last = id;
          if ((fields[1] ?? '').includes('"type":"ORDER_ACK"')) {
            acks += 1;
          }
        }
      }
    }
    process.send?.({ lastAckAt: epochMs() });
    redis.disconnect();
  })();
});
