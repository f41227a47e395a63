import { Module, type DynamicModule } from '@nestjs/common';
import { CONNECTOR_IDS, ConnectorRuntime, SIM_STATE_DIR } from './connector.runtime.js';
import { SimControlController } from './sim/sim-control.controller.js';

/** The connectors this process serves. Needs RuntimeModule and MessagingModule. */
@Module({})
export class ConnectorModule {
  static forRoot(options: {
    readonly connectorIds: readonly string[];
    /** Sim connectors keep their broker state under <dir>/<connectorId> (DATA_DIR/sim). */
    readonly simStateDir?: string;
  }): DynamicModule {
    return {
      module: ConnectorModule,
      controllers: [SimControlController],
      providers: [
        { provide: CONNECTOR_IDS, useValue: options.connectorIds },
        ...(options.simStateDir === undefined
          ? []
          : [{ provide: SIM_STATE_DIR, useValue: options.simStateDir }]),
        ConnectorRuntime,
      ],
      exports: [ConnectorRuntime],
    };
  }
}
