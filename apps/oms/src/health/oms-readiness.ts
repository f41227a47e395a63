import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DeskDirectory, HealthRegistry } from '@qmt/runtime';
import { ConnectorStatusBoard } from '../ingest/connector-status.board.js';

/** Besides the database and the bus, the OMS is ready only when every connector reported UP. */
@Injectable()
export class OmsReadiness implements OnModuleInit {
  constructor(
    private readonly health: HealthRegistry,
    private readonly desk: DeskDirectory,
    private readonly connectors: ConnectorStatusBoard,
  ) {}

  onModuleInit(): void {
    for (const connector of this.desk.config.connectors) {
      this.health.register(`connector:${connector.id}`, () => this.connectors.isUp(connector.id));
    }
  }
}
