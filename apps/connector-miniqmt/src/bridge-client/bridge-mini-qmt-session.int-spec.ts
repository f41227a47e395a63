// The real Python bridge (python3, fake xtquant on PYTHONPATH) driven through the TypeScript
// session: handshake, subscribe, async place and its callbacks, queries, cancel, a forced
// miniQMT disconnect, and a bridge that dies and comes back on the same port.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { XtCallback, XtOrder, XtTrade } from '@qmt/domain';
import { BridgeError } from './bridge-error.js';
import {
  BridgeMiniQmtSession,
  type BridgeSessionOptions,
  type BridgeSessionStatus,
} from './bridge-mini-qmt-session.js';

const BRIDGE = fileURLToPath(new URL('../../bridge/qmt_bridge.py', import.meta.url));
const FAKE_XTQUANT = fileURLToPath(new URL('../../bridge/tests/fake_xtquant', import.meta.url));
const TOKEN = 'int-spec-token';
const ACCOUNT = { account_id: '8880001', account_type: 2 };
const STOCK_BUY = 23;
const FIX_PRICE = 11;

interface RunningBridge {
  readonly process: ChildProcess;
  readonly port: number;
}

async function startBridge(port = 0, flags: readonly string[] = []): Promise<RunningBridge> {
  const child = spawn(
    'python3',
    [
      BRIDGE,
      '--port',
      String(port),
      '--reconnect-initial',
      '0.05',
      '--reconnect-max',
      '0.2',
      ...flags,
    ],
    {
      env: {
        ...process.env,
        PYTHONPATH: FAKE_XTQUANT,
        QMT_BRIDGE_TOKEN: TOKEN,
        QMT_BRIDGE_LOG_LEVEL: 'ERROR',
        FAKE_XTQUANT_REST_CODES: '000001.SZ',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const lines = createInterface({ input: child.stdout });
  const [first] = (await once(lines, 'line')) as [string];
  lines.close();
  const announced = JSON.parse(first) as { listening: { port: number } };
  return { process: child, port: announced.listening.port };
}

async function stopBridge(
  bridge: RunningBridge,
  signal: NodeJS.Signals = 'SIGTERM',
): Promise<void> {
  if (bridge.process.exitCode !== null || bridge.process.signalCode !== null) {
    return;
  }
  const exited = once(bridge.process, 'exit');
  bridge.process.kill(signal);
  await exited;
}

type DataOf<K extends XtCallback['callback']> = Extract<XtCallback, { callback: K }>['data'];

/** Records callbacks and statuses; `next` waits for the first unseen match. */
class Recorder {
  readonly callbacks: XtCallback[] = [];
  readonly statuses: BridgeSessionStatus[] = [];
  private readonly waits: (() => void)[] = [];

  constructor(session: BridgeMiniQmtSession) {
    session.onCallback((callback) => {
      this.callbacks.push(callback);
      this.wake();
    });
    session.onStatus((status) => {
      this.statuses.push(status);
      this.wake();
    });
  }

  async until<T>(find: () => T | undefined, timeoutMs = 5_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = find();
      if (found !== undefined) {
        return found;
      }
      if (Date.now() > deadline) {
        throw new Error(`timed out; callbacks: ${JSON.stringify(this.callbacks.slice(-5))}`);
      }
      await new Promise<void>((resolve) => {
        this.waits.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }

  callback<K extends XtCallback['callback']>(
    name: K,
    where: (data: DataOf<K>) => boolean = () => true,
  ): Promise<DataOf<K>> {
    return this.until(() => {
      for (const c of this.callbacks) {
        if (c.callback === name && where(c.data as DataOf<K>)) {
          return c.data as DataOf<K>;
        }
      }
      return undefined;
    });
  }

  private wake(): void {
    for (const resolve of this.waits.splice(0)) {
      resolve();
    }
  }
}

function options(
  port: number,
  overrides: Partial<BridgeSessionOptions> = {},
): BridgeSessionOptions {
  return {
    host: '127.0.0.1',
    port,
    token: TOKEN,
    requestTimeoutMs: 5_000,
    connectTimeoutMs: 10_000,
    heartbeatIntervalMs: 200,
    heartbeatTimeoutMs: 3_000,
    reconnectInitialMs: 50,
    reconnectMaxMs: 200,
    ...overrides,
  };
}

describe('BridgeMiniQmtSession over the real Python bridge', () => {
  let bridge: RunningBridge;
  let session: BridgeMiniQmtSession;
  let recorder: Recorder;

  beforeEach(async () => {
    bridge = await startBridge();
    session = new BridgeMiniQmtSession(options(bridge.port));
    recorder = new Recorder(session);
    await session.connect();
  });

  afterEach(async () => {
    await session.disconnect();
    await stopBridge(bridge);
  });

  it('connects, subscribes and reports the bridge capabilities', async () => {
    expect(session.isConnected()).toBe(true);
    expect(await session.subscribe(ACCOUNT)).toBe(0);
    expect(await session.subscribe({ account_id: 'nobody', account_type: 2 })).toBe(-1);
    expect(session.bridgeCapabilities().trader).toEqual(
      expect.arrayContaining(['order_stock_async', 'cancel_order_stock_async']),
    );
    expect(session.status()).toMatchObject({ link: 'open', trader: 'connected' });
  });

  it('places an order async and receives the response, order and trade callbacks', async () => {
    await session.subscribe(ACCOUNT);
    const seq = await session.orderStockAsync(
      ACCOUNT,
      '600000.SH',
      STOCK_BUY,
      300,
      FIX_PRICE,
      10.25,
      'strat-a',
      'GW0001',
    );
    expect(seq).toBeGreaterThan(0);
    const response = await recorder.callback('on_order_stock_async_response', (d) => d.seq === seq);
    expect(response).toMatchObject({
      account_id: '8880001',
      order_remark: 'GW0001',
      error_msg: '',
    });
    const filled: XtOrder = await recorder.callback(
      'on_stock_order',
      (o) => o.order_id === response.order_id && o.order_status === 56,
    );
    expect(filled).toMatchObject({
      stock_code: '600000.SH',
      order_type: STOCK_BUY,
      order_volume: 300,
      price_type: 50,
      price: 10.25,
      traded_volume: 300,
      traded_price: 10.25,
      strategy_name: 'strat-a',
      order_remark: 'GW0001',
    });
    expect(filled.order_sysid).not.toBe('');
    const trade: XtTrade = await recorder.callback(
      'on_stock_trade',
      (t) => t.order_id === response.order_id,
    );
    expect(trade).toMatchObject({
      traded_volume: 300,
      traded_price: 10.25,
      traded_amount: 3075,
      order_sysid: filled.order_sysid,
      order_remark: 'GW0001',
    });
    const names = recorder.callbacks.map((c) => c.callback);
    expect(names.indexOf('on_order_stock_async_response')).toBeLessThan(
      names.indexOf('on_stock_order'),
    );
    expect(names.indexOf('on_stock_trade')).toBeLessThan(names.lastIndexOf('on_stock_order'));
  });

  it('answers the day queries with xttype records', async () => {
    await session.subscribe(ACCOUNT);
    await session.orderStockAsync(
      ACCOUNT,
      '600000.SH',
      STOCK_BUY,
      100,
      FIX_PRICE,
      10,
      's',
      'GW0002',
    );
    await recorder.callback('on_stock_asset');
    const orders = await session.queryStockOrders(ACCOUNT);
    expect(orders.map((o) => [o.order_remark, o.order_status])).toEqual([['GW0002', 56]]);
    expect(await session.queryStockOrders(ACCOUNT, true)).toEqual([]);
    const trades = await session.queryStockTrades(ACCOUNT);
    expect(trades.map((t) => [t.order_id, t.traded_volume])).toEqual([[orders[0]!.order_id, 100]]);
    const asset = await session.queryStockAsset(ACCOUNT);
    expect(asset).toMatchObject({ cash: 1_000_000 - 1_000, frozen_cash: 0 });
    const positions = await session.queryStockPositions(ACCOUNT);
    expect(positions.find((p) => p.stock_code === '600000.SH')).toMatchObject({
      volume: 10_100,
      can_use_volume: 10_000,
    });
    expect(await session.queryStockAsset({ account_id: 'nobody', account_type: 2 })).toBeNull();
  });

  it('cancels a working order: 51 then 54', async () => {
    await session.subscribe(ACCOUNT);
    const seq = await session.orderStockAsync(
      ACCOUNT,
      '000001.SZ',
      STOCK_BUY,
      100,
      FIX_PRICE,
      11,
      's',
      'GW0003',
    );
    const { order_id: orderId } = await recorder.callback(
      'on_order_stock_async_response',
      (d) => d.seq === seq,
    );
    await recorder.callback(
      'on_stock_order',
      (o) => o.order_id === orderId && o.order_status === 50,
    );
    const cancelSeq = await session.cancelOrderStockAsync(ACCOUNT, orderId);
    const answer = await recorder.callback(
      'on_cancel_order_stock_async_response',
      (d) => d.seq === cancelSeq,
    );
    expect(answer.cancel_result).toBe(0);
    await recorder.callback(
      'on_stock_order',
      (o) => o.order_id === orderId && o.order_status === 51,
    );
    const cancelled = await recorder.callback(
      'on_stock_order',
      (o) => o.order_id === orderId && o.order_status === 54,
    );
    expect(cancelled.traded_volume).toBe(0);
  });

  it('reaches the rest of the surface through call()', async () => {
    const infos = await session.call('query_account_infos');
    expect(infos).toEqual([expect.objectContaining({ account_id: '8880001', login_status: 0 })]);
    const detail = await session.call('xtdata.get_instrument_detail', ['600000.SH']);
    expect(detail).toMatchObject({ UpStopPrice: 11, DownStopPrice: 9, PriceTick: 0.01 });
    await expect(session.call('run_forever')).rejects.toMatchObject({ code: 'UNKNOWN_METHOD' });
    await expect(
      session.call('query_stock_asset', [{ account_id: 1, account_type: 2 }]),
    ).rejects.toMatchObject({
      code: 'BAD_ARGS',
    });
  });

  it('comes back with a new miniQMT session after on_disconnected', async () => {
    await session.subscribe(ACCOUNT);
    const before = session.status().sessionId;
    bridge.process.kill('SIGUSR1');
    await recorder.callback('on_disconnected');
    const back = await recorder.until(() =>
      recorder.statuses.find((s) => s.trader === 'connected' && s.sessionId !== before),
    );
    expect(back.sessionId).not.toBeNull();
    expect(session.isConnected()).toBe(true);
    expect(recorder.callbacks.filter((c) => c.callback === 'on_disconnected')).toHaveLength(1);
    const seq = await session.orderStockAsync(
      ACCOUNT,
      '600000.SH',
      STOCK_BUY,
      100,
      FIX_PRICE,
      10,
      's',
      'GW0004',
    );
    const trade = await recorder.callback('on_stock_trade', (t) => t.order_remark === 'GW0004');
    expect(seq).toBeGreaterThan(0);
    expect(trade.traded_volume).toBe(100);
  });

  it('reconnects to a bridge that died, resubscribes, and refuses orders while it is down', async () => {
    await session.subscribe(ACCOUNT);
    const port = bridge.port;
    await stopBridge(bridge, 'SIGKILL');
    await recorder.callback('on_disconnected');
    expect(session.isConnected()).toBe(false);
    expect(
      await session.orderStockAsync(
        ACCOUNT,
        '600000.SH',
        STOCK_BUY,
        100,
        FIX_PRICE,
        10,
        's',
        'GW0005',
      ),
    ).toBe(-1);
    await expect(session.queryStockOrders(ACCOUNT)).rejects.toBeInstanceOf(BridgeError);
    bridge = await startBridge(port);
    await recorder.until(() => (session.isConnected() ? true : undefined), 10_000);
    const status = (await session.call('bridge.status')) as { accounts: unknown[] };
    expect(status.accounts).toEqual([ACCOUNT]);
    await session.orderStockAsync(
      ACCOUNT,
      '600000.SH',
      STOCK_BUY,
      100,
      FIX_PRICE,
      10,
      's',
      'GW0006',
    );
    const order = await recorder.callback(
      'on_stock_order',
      (o) => o.order_remark === 'GW0006' && o.order_status === 56,
    );
    expect(order.traded_volume).toBe(100);
  });

  it('refuses a wrong token without retrying', async () => {
    const intruder = new BridgeMiniQmtSession(options(bridge.port, { token: 'wrong' }));
    await expect(intruder.connect()).rejects.toMatchObject({ code: 'AUTH_FAILED' });
    expect(intruder.isConnected()).toBe(false);
    expect(session.isConnected()).toBe(true);
  });
});

describe('BridgeMiniQmtSession link health', () => {
  it('drops a bridge that went silent and reconnects once it answers again', async () => {
    const bridge = await startBridge();
    const session = new BridgeMiniQmtSession(
      options(bridge.port, { heartbeatIntervalMs: 100, heartbeatTimeoutMs: 600 }),
    );
    const recorder = new Recorder(session);
    try {
      await session.connect();
      bridge.process.kill('SIGSTOP');
      await recorder.callback('on_disconnected');
      expect(session.isConnected()).toBe(false);
      bridge.process.kill('SIGCONT');
      await recorder.until(() => (session.isConnected() ? true : undefined), 10_000);
      expect(await session.queryStockAsset(ACCOUNT)).toMatchObject({ account_id: '8880001' });
    } finally {
      bridge.process.kill('SIGCONT');
      await session.disconnect();
      await stopBridge(bridge);
    }
  });
});

const openssl = spawnSync('openssl', ['version']).status === 0;

(openssl ? describe : describe.skip)('BridgeMiniQmtSession over TLS', () => {
  let dir: string;
  let cert: string;
  let key: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'bridge-tls-'));
    cert = join(dir, 'bridge.crt');
    key = join(dir, 'bridge.key');
    const made = spawnSync('openssl', [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
      '-keyout',
      key,
      '-out',
      cert,
    ]);
    if (made.status !== 0) {
      throw new Error(`openssl failed: ${made.stderr.toString()}`);
    }
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('connects when it trusts the certificate and fails when it does not', async () => {
    const bridge = await startBridge(0, ['--tls-cert', cert, '--tls-key', key]);
    const trusted = new BridgeMiniQmtSession(
      options(bridge.port, { tls: { ca: readFileSync(cert), servername: 'localhost' } }),
    );
    const untrusted = new BridgeMiniQmtSession(
      options(bridge.port, { tls: { servername: 'localhost' }, connectTimeoutMs: 1_000 }),
    );
    try {
      await trusted.connect();
      expect(trusted.isConnected()).toBe(true);
      expect(await trusted.subscribe(ACCOUNT)).toBe(0);
      await expect(untrusted.connect()).rejects.toThrow(/TIMEOUT.*last link error.*certificate/);
    } finally {
      await trusted.disconnect();
      await untrusted.disconnect();
      await stopBridge(bridge);
    }
  });
});
