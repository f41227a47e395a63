// The real Python bridge under python3 with the fake xtquant on PYTHONPATH, as a child process.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const BRIDGE = fileURLToPath(new URL('../../bridge/qmt_bridge.py', import.meta.url));
const FAKE_XTQUANT = fileURLToPath(new URL('../../bridge/tests/fake_xtquant', import.meta.url));

export const BRIDGE_TOKEN = 'conformance-token';

export interface BridgeProcess {
  readonly port: number;
  /** The terminal drops every session (SIGUSR1 to the fake): on_disconnected, then a new trader. */
  dropSessions(): void;
  stop(): Promise<void>;
}

export interface FakeAccount {
  readonly account_id: string;
  readonly account_type: number;
  readonly cash: number;
  readonly positions: Readonly<Record<string, number>>;
}

export async function startBridge(
  accounts: readonly FakeAccount[],
  restCodes: readonly string[],
): Promise<BridgeProcess> {
  const child: ChildProcess = spawn(
    'python3',
    [BRIDGE, '--port', '0', '--reconnect-initial', '0.05', '--reconnect-max', '0.2'],
    {
      env: {
        ...process.env,
        PYTHONPATH: FAKE_XTQUANT,
        QMT_BRIDGE_TOKEN: BRIDGE_TOKEN,
        QMT_BRIDGE_LOG_LEVEL: 'ERROR',
        FAKE_XTQUANT_ACCOUNTS: JSON.stringify(accounts),
        FAKE_XTQUANT_REST_CODES: restCodes.join(','),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  if (child.stdout === null) {
    throw new Error('the bridge has no stdout');
  }
  const lines = createInterface({ input: child.stdout });
  const [first] = (await once(lines, 'line')) as [string];
  lines.close();
  const announced = JSON.parse(first) as { listening: { port: number } };
  return {
    port: announced.listening.port,
    dropSessions: () => child.kill('SIGUSR1'),
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) {
        return;
      }
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}
