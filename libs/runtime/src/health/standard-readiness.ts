import { Injectable, Optional, type OnModuleInit } from '@nestjs/common';
import { BusHealth } from '@qmt/messaging';
import { OrderStore } from '@qmt/persistence';
import { HealthRegistry } from './health.registry.js';

/** Every app's base readiness: Postgres (when the app uses it) and the bus. */
@Injectable()
export class StandardReadiness implements OnModuleInit {
  constructor(
    private readonly health: HealthRegistry,
    private readonly bus: BusHealth,
    @Optional() private readonly store?: OrderStore,
  ) {}

  onModuleInit(): void {
    const store = this.store;
    if (store !== undefined) {
      this.health.register('database', () => store.ping());
    }
    this.health.register('bus', () => this.bus.isReady());
  }
}
