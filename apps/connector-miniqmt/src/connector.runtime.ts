import {
  Inject,
  Injectable,
  Optional,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatPrice, priceLimitBand } from '@qmt/domain';
import { EventPublisher, RouteQueue } from '@qmt/messaging';
import { GatewayMetrics, type Logger } from '@qmt/observability';
import { DeskDirectory, ExchangeClock, HealthRegistry, LOGGER } from '@qmt/runtime';
import { BridgeMiniQmtSession } from './bridge-client/bridge-mini-qmt-session.js';
import { bridgeSessionOptions } from './bridge-client/bridge-session-options.js';
import { RemarkIndex } from './routing/remark-index.js';
import { ObservedPublisher, RouteObserver } from './routing/route-observer.js';
import { RouteWorker } from './routing/route.worker.js';
import { ConnectorService } from './session/connector.service.js';
import type { MiniQmtSession } from './session/mini-qmt-session.port.js';
import { RateLimiter } from './session/rate-limiter.js';
import { SimMiniQmt } from './sim/sim-mini-qmt.js';

export const CONNECTOR_IDS = Symbol('CONNECTOR_IDS');
/** Directory under which each sim connector keeps its broker state (absent: in memory). */
export const SIM_STATE_DIR = Symbol('SIM_STATE_DIR');

export interface RunningConnector {
  readonly connectorId: string;
  readonly session: MiniQmtSession;
  readonly service: ConnectorService;
  readonly worker: RouteWorker;
}

/** Starts one session per configured connector this process serves, and its route worker. */
@Injectable()
export class ConnectorRuntime implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly running = new Map<string, RunningConnector>();

  constructor(
    @Inject(CONNECTOR_IDS) private readonly connectorIds: readonly string[],
    private readonly desk: DeskDirectory,
    private readonly clock: ExchangeClock,
    private readonly publisher: EventPublisher,
    private readonly routes: RouteQueue,
    private readonly metrics: GatewayMetrics,
    @Inject(LOGGER) private readonly logger: Logger,
    @Optional() private readonly health?: HealthRegistry,
    @Optional() @Inject(SIM_STATE_DIR) private readonly simStateDir?: string,
  ) {}

  /** The running connectors (tests and the control API look at them). */
  connectors(): RunningConnector[] {
    return [...this.running.values()];
  }

  /** The running sessions that are simulators (for the /v1/sim control API). */
  simSessions(): { connectorId: string; sim: SimMiniQmt }[] {
    return [...this.running.values()].flatMap((r) =>
      r.session instanceof SimMiniQmt ? [{ connectorId: r.connectorId, sim: r.session }] : [],
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    for (const connectorId of this.connectorIds) {
      await this.startConnector(connectorId);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    for (const running of this.running.values()) {
      await running.service.stop();
      await running.session.disconnect();
      if (running.session instanceof SimMiniQmt) {
        running.session.close();
      }
    }
  }

  private createSession(connectorId: string): MiniQmtSession {
    const config = this.desk.config.connectors.find((c) => c.id === connectorId);
    if (config === undefined) {
      throw new Error(`connector ${connectorId} is not in the desk config (CONNECTOR_ID)`);
    }
    if (config.backend === 'bridge') {
      if (config.bridge === undefined) {
        throw new Error(
          `connector ${connectorId}: backend bridge needs a bridge section (host, port, tokenEnv or tokenFile)`,
        );
      }
      return new BridgeMiniQmtSession({
        ...bridgeSessionOptions(connectorId, config.bridge, {
          env: process.env,
          readFile: (path) => readFileSync(path, 'utf8'),
        }),
        logger: this.logger,
      });
    }
    const sim = config.sim;
    const simulated = this.clock.mode === 'continuous';
    return new SimMiniQmt({
      accounts: this.desk.accountsOfConnector(connectorId).map((account) => ({
        accountId: account.brokerAccountId,
        accountType: this.desk.xtAccountType(account),
        cash: account.cash,
        positions: account.positions.map((p) => ({ symbol: p.symbol, volume: p.quantity })),
      })),
      instruments: this.desk.instruments().map((i) => {
        const band = priceLimitBand(i);
        return {
          symbol: i.security.symbol,
          name: i.name,
          preClose: Number(formatPrice(i.preClose)),
          tickSize: Number(formatPrice(i.tickSize)),
          multiplier: i.multiplier,
          upLimit: band === null ? null : Number(formatPrice(band.up)),
          downLimit: band === null ? null : Number(formatPrice(band.down)),
        };
      }),
      holidays: this.desk.config.calendar.holidays,
      latencyMs: sim.latencyMs,
      speed: sim.speed,
      quotes: sim.quotes,
      alwaysOpen: simulated,
      // On the wall clock the counter takes orders in the sessions only (off-hours: a reject).
      acceptsOrders: () => simulated || this.clock.session() !== 'CLOSED',
      now: () => this.clock.now(),
      ...(sim.persist && this.simStateDir !== undefined
        ? { stateDir: join(this.simStateDir, connectorId) }
        : {}),
    });
  }

  private async startConnector(connectorId: string): Promise<void> {
    const session = this.createSession(connectorId);
    const config = this.desk.config.connectors.find((c) => c.id === connectorId);
    const accounts = this.desk.accountsOfConnector(connectorId).map((account) => ({
      accountId: account.id,
      ref: { account_id: account.brokerAccountId, account_type: this.desk.xtAccountType(account) },
    }));
    const observer = new RouteObserver(connectorId, this.metrics, this.clock);
    const publisher = new ObservedPublisher(this.publisher, connectorId, this.metrics, observer);
    const service = new ConnectorService(
      connectorId,
      session,
      publisher,
      accounts,
      () => this.clock.now(),
      this.logger,
    );
    const remarks = new RemarkIndex();
    let reconciledAt = 0;
    service.onBrokerOrder((remark, brokerOrderId) => {
      remarks.remember(remark, brokerOrderId);
      observer.brokerOrderSeen(remark);
    });
    const labels = { connector: connectorId };
    // Known from the start: a connector that never came up shows 0, not nothing.
    this.metrics.connectorUp.set(labels, 0);
    service.onUp(() => {
      reconciledAt = Date.now();
      this.metrics.connectorUp.set(labels, 1);
      if (service.connectionCount() > 1) {
        this.metrics.connector.reconnects.inc(labels);
      }
    });
    service.onDown(() => {
      this.metrics.connectorUp.set(labels, 0);
      this.metrics.connector.disconnects.inc(labels);
    });
    const rate = config?.rateLimit;
    const worker = new RouteWorker({
      connectorId,
      session,
      publisher,
      now: () => this.clock.now(),
      accountRefOf: (accountId) => service.accountRefOf(accountId),
      isReady: () => service.isReady(),
      remarks,
      reconciledAt: () => reconciledAt,
      ...(rate === undefined ? {} : { limiter: new RateLimiter(rate.perSecond, rate.burst) }),
    });
    this.running.set(connectorId, { connectorId, session, service, worker });
    this.health?.register(`session:${connectorId}`, () => service.isReady());
    // The worker starts once the session is first up and reconciled: jobs left by a crashed
    // process are then looked up against a complete picture of the broker, never refused
    // unseen (risk sends nothing new to a connector that is not UP).
    let working: Promise<void> | null = null;
    const startWorker = (): Promise<void> =>
      (working ??= this.routes.work(connectorId, async (job) => {
        observer.jobStarted(job);
        try {
          const outcome = await worker.handle(job);
          observer.jobFinished(job, outcome);
          return outcome;
        } catch (error) {
          observer.jobFinished(job, 'FAILED');
          throw error;
        }
      }));
    service.onUp(() => {
      void startWorker().catch((error: unknown) =>
        this.logger.error({ err: error, connectorId }, 'the route worker did not start'),
      );
    });
    await service.start();
    if (service.isReady()) {
      await startWorker();
    }
    this.logger.info(
      { connectorId, accounts: accounts.map((a) => a.accountId), up: service.isReady() },
      'connector started',
    );
  }
}
