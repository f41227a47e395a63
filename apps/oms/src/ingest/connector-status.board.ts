import { Injectable } from '@nestjs/common';

export interface ConnectorState {
  readonly connectorId: string;
  readonly state: 'UP' | 'DOWN' | 'UNKNOWN';
  readonly reason: string;
  readonly since: string | null;
}

/** What the OMS last heard from each connector (CONNECTOR_STATUS events). */
@Injectable()
export class ConnectorStatusBoard {
  private readonly states = new Map<string, ConnectorState>();

  update(connectorId: string, state: 'UP' | 'DOWN', reason: string): void {
    this.states.set(connectorId, { connectorId, state, reason, since: new Date().toISOString() });
  }

  get(connectorId: string): ConnectorState {
    return (
      this.states.get(connectorId) ?? { connectorId, state: 'UNKNOWN', reason: '', since: null }
    );
  }

  isUp(connectorId: string): boolean {
    return this.states.get(connectorId)?.state === 'UP';
  }
}
