import { Module, type DynamicModule } from '@nestjs/common';
import { CONNECTOR_IDS, ConnectorRuntime } from './connector.runtime.js';
import { SimControlController } from './sim/sim-control.controller.js';

/** The connectors this process serves. Needs RuntimeModule and MessagingModule. */
@Module({})
export class ConnectorModule {
  static forRoot(options: { readonly connectorIds: readonly string[] }): DynamicModule {
    return {
      module: ConnectorModule,
      controllers: [SimControlController],
      providers: [{ provide: CONNECTOR_IDS, useValue: options.connectorIds }, ConnectorRuntime],
      exports: [ConnectorRuntime],
    };
  }
}
