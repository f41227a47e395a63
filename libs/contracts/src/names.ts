// Stream keys, queue names and consumer groups: the one place they are spelt.

/** Redis Stream of one account's gateway events; the hash tag keeps an account on one slot. */
export function eventStreamKey(accountId: string): string {
  return `qmt:events:{${accountId}}`;
}

/** Account id of an event stream key, or undefined for a key of another shape. */
export function accountOfStreamKey(key: string): string | undefined {
  const match = /^qmt:events:\{(.+)\}$/.exec(key);
  return match?.[1];
}

/** Dead-letter stream for events of one account that could not be applied. */
export function deadLetterStreamKey(accountId: string): string {
  return `qmt:dead:{${accountId}}`;
}

/** BullMQ queue that carries approved orders and cancels to one connector. */
export function routeQueueName(connectorId: string): string {
  return `route.${connectorId}`;
}

export const CONSUMER_GROUP = { OMS: 'oms', RISK: 'risk' } as const;
export type ConsumerGroup = (typeof CONSUMER_GROUP)[keyof typeof CONSUMER_GROUP];
