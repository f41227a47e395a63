// One connector pipeline (ConnectorService over an adapter, events recorded) per adapter: the
// sim, and the bridge client over the real Python bridge with the fake xtquant. Both are set up
// with the same accounts, codes and prices, so the same scenario must give the same events.
import type { GatewayEvent } from '@qmt/contracts';
import {
  BridgeMiniQmtSession,
  ConnectorService,
  SimMiniQmt,
  type MiniQmtSession,
  type XtAccountRef,
} from '@qmt/connector-miniqmt';
import { EventPublisher } from '@qmt/messaging';
import { createLogger } from '@qmt/observability';
import {
  BRIDGE_TOKEN,
  startBridge,
  type BridgeProcess,
  type FakeAccount,
} from './bridge-process.js';

export class RecordingPublisher extends EventPublisher {
  readonly events: GatewayEvent[] = [];
  publish(event: GatewayEvent): Promise<string> {
    this.events.push(event);
    return Promise.resolve(String(this.events.length));
  }
}

/** One account per scenario, so scenarios do not see each other's cash and orders. */
export const SCENARIO_ACCOUNTS = ['C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7'] as const;
export type ScenarioAccount = (typeof SCENARIO_ACCOUNTS)[number];

const FAKE_ACCOUNTS: FakeAccount[] = SCENARIO_ACCOUNTS.map((id) => ({
  account_id: id,
  account_type: 2,
  cash: 100_000,
  positions: { '600000.SH': 1_000 },
}));
/** The fake xtquant's reference prices and ticks (fake_xtquant/xtquant/xttrader.py). */
const INSTRUMENTS = [
  { symbol: '600000.SH', name: '浦发银行', preClose: 10, tickSize: 0.01 },
  { symbol: '000001.SZ', name: '平安银行', preClose: 12, tickSize: 0.01 },
  { symbol: '510300.SH', name: '沪深300ETF', preClose: 4, tickSize: 0.001 },
];
/** Orders on these codes rest at the fake; the scenarios price them away from the sim's quote. */
export const RESTING_CODE = '000001.SZ';

export interface Target {
  readonly name: 'sim' | 'bridge';
  readonly session: MiniQmtSession;
  readonly service: ConnectorService;
  readonly publisher: RecordingPublisher;
  ref(account: ScenarioAccount): XtAccountRef;
  /** The terminal drops the session (the connector must reconnect and reconcile). */
  dropSession(): void;
  close(): Promise<void>;
}

const refOf = (account: string): XtAccountRef => ({ account_id: account, account_type: 2 });
const accounts = SCENARIO_ACCOUNTS.map((id) => ({ accountId: `GW-${id}`, ref: refOf(id) }));

function service(
  name: string,
  session: MiniQmtSession,
  publisher: EventPublisher,
): ConnectorService {
  return new ConnectorService(
    name,
    session,
    publisher,
    accounts,
    () => new Date(),
    createLogger('silent'),
    {
      initialMs: 20,
      maxMs: 200,
    },
  );
}

export async function simTarget(): Promise<Target> {
  const sim = new SimMiniQmt({
    accounts: FAKE_ACCOUNTS.map((a) => ({
      accountId: a.account_id,
      accountType: a.account_type,
      cash: a.cash,
      positions: Object.entries(a.positions).map(([symbol, volume]) => ({ symbol, volume })),
    })),
    instruments: INSTRUMENTS,
    latencyMs: 0,
    now: () => new Date(),
  });
  const publisher = new RecordingPublisher();
  const connector = service('sim', sim, publisher);
  await connector.start();
  return {
    name: 'sim',
    session: sim,
    service: connector,
    publisher,
    ref: refOf,
    dropSession: () => sim.dropConnection(),
    close: async () => {
      await connector.stop();
      await sim.disconnect();
      sim.close();
    },
  };
}

export async function bridgeTarget(): Promise<Target> {
  const bridge: BridgeProcess = await startBridge(FAKE_ACCOUNTS, [RESTING_CODE]);
  const session = new BridgeMiniQmtSession({
    host: '127.0.0.1',
    port: bridge.port,
    token: BRIDGE_TOKEN,
    requestTimeoutMs: 5_000,
    connectTimeoutMs: 10_000,
  });
  const publisher = new RecordingPublisher();
  const connector = service('bridge', session, publisher);
  await connector.start();
  return {
    name: 'bridge',
    session,
    service: connector,
    publisher,
    ref: refOf,
    dropSession: () => bridge.dropSessions(),
    close: async () => {
      await connector.stop();
      await session.disconnect();
      await bridge.stop();
    },
  };
}
