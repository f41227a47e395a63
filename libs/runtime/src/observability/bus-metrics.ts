import { Injectable, type OnModuleInit } from '@nestjs/common';
import { AlgoQueue, EventConsumer, RouteQueue } from '@qmt/messaging';
import { GatewayMetrics } from '@qmt/observability';

/**
 * Stream backlogs of the groups this process reads and the depth of the queues it fills or
 * works, read at each scrape (XINFO GROUPS and BullMQ counts: a few commands per scrape, none
 * on the order path).
 */
@Injectable()
export class BusMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: GatewayMetrics,
    private readonly consumer: EventConsumer,
    private readonly routes: RouteQueue,
    private readonly algo: AlgoQueue,
  ) {}

  onModuleInit(): void {
    this.metrics.refresh.add('bus', async () => {
      const [streams, routes, algo] = await Promise.all([
        this.consumer.backlog(),
        this.routes.backlog(),
        this.algo.backlog(),
      ]);
      this.metrics.backlog.showStreams(streams);
      this.metrics.backlog.showQueues([...routes, ...algo]);
    });
  }
}
