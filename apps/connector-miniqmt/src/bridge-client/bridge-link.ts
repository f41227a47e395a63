import net from 'node:net';
import tls from 'node:tls';
import type { Logger } from '@qmt/observability';
import { BridgeError, BridgeErrorCode } from './bridge-error.js';
import {
  BRIDGE_PROTOCOL_VERSION,
  LineDecoder,
  encodeBridgeMessage,
  parseBridgeLine,
  reconnectDelayMs,
  type BridgeInbound,
  type BridgeOutbound,
  type BridgeResponse,
} from './bridge-protocol.js';

export interface BridgeTlsOptions {
  /** CA (PEM) the bridge's certificate must chain to; a self-signed cert is its own CA. */
  readonly ca?: string | Buffer;
  /** Client certificate and key, when the bridge verifies clients. */
  readonly cert?: string | Buffer;
  readonly key?: string | Buffer;
  /** Name the certificate must carry; defaults to the host when it is not an IP address. */
  readonly servername?: string;
}

export interface BridgeLinkOptions {
  readonly host: string;
  readonly port: number;
  readonly token: string;
  readonly tls?: BridgeTlsOptions;
  /** A request with no answer by then fails with TIMEOUT (outcome unknown). */
  readonly requestTimeoutMs?: number;
  readonly heartbeatIntervalMs?: number;
  /** The link is dropped when nothing arrived from the bridge for this long. */
  readonly heartbeatTimeoutMs?: number;
  readonly reconnectInitialMs?: number;
  readonly reconnectMaxMs?: number;
  readonly logger?: Pick<Logger, 'info' | 'warn' | 'error'>;
}

/** What the link tells its owner: every message but responses and heartbeats, and closes. */
export interface BridgeLinkHandler {
  onMessage(message: Exclude<BridgeInbound, { type: 'response' | 'heartbeat' }>): void;
  /** The socket closed; in-flight requests are already rejected with LINK_LOST. */
  onClosed(fatal: BridgeError | undefined): void;
}

interface Pending {
  readonly method: string;
  readonly resolve: (result: unknown) => void;
  readonly reject: (error: BridgeError) => void;
  readonly timer: NodeJS.Timeout;
}

/**
 * The TCP (or TLS) link to the bridge: hello on connect, JSON lines, heartbeats both ways,
 * request/response correlation with timeouts, and reconnect with backoff until stop() or a
 * fatal refusal. It knows nothing of miniQMT; the session interprets what arrives.
 */
export class BridgeLink {
  private socket: net.Socket | undefined;
  private decoder = new LineDecoder();
  private handshaken = false;
  private stopped = true;
  private fatal: BridgeError | undefined;
  private attempt = 0;
  private nextId = 0;
  private lastRx = 0;
  private heartbeat: NodeJS.Timeout | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private readonly pending = new Map<number, Pending>();
  /** The last socket error, to say why a connect timed out. */
  lastError: string | undefined;

  constructor(
    private readonly options: BridgeLinkOptions,
    private readonly handler: BridgeLinkHandler,
  ) {}

  /** True once the bridge welcomed us on the current socket. */
  get isOpen(): boolean {
    return this.handshaken;
  }

  /** Opens the link unless it is open or a reconnect is already scheduled. */
  start(): void {
    this.stopped = false;
    this.fatal = undefined;
    if (this.socket === undefined && this.reconnectTimer === undefined) {
      this.open();
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    const socket = this.socket;
    if (socket !== undefined) {
      const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
      socket.destroy();
      await closed;
    }
  }

  /** The welcome arrived: the owner checked it, requests may flow, backoff starts over. */
  welcomed(): void {
    this.handshaken = true;
    this.attempt = 0;
    this.lastError = undefined;
  }

  /** A refusal that reconnecting cannot fix: close and stay closed. */
  refuse(error: BridgeError): void {
    this.options.logger?.error({ code: error.code }, 'bridge refused this client; not retrying');
    this.fatal = error;
    this.stopped = true;
    this.socket?.destroy();
  }

  request(
    method: string,
    args: readonly unknown[],
    kwargs?: Readonly<Record<string, unknown>>,
  ): Promise<unknown> {
    if (!this.handshaken || this.socket === undefined) {
      return Promise.reject(
        new BridgeError(BridgeErrorCode.NOT_SENT, `bridge link is down; ${method} not sent`),
      );
    }
    const id = ++this.nextId;
    const timeoutMs = this.options.requestTimeoutMs ?? 10_000;
    return new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(
          new BridgeError(
            BridgeErrorCode.TIMEOUT,
            `${method} unanswered after ${timeoutMs} ms; outcome unknown`,
          ),
        );
      }, timeoutMs);
      this.pending.set(id, { method, resolve, reject, timer });
      this.write({
        type: 'request',
        id,
        method,
        args,
        ...(kwargs === undefined ? {} : { kwargs }),
      });
    });
  }

  private open(): void {
    this.reconnectTimer = undefined;
    const { host, port } = this.options;
    const tlsOptions = this.options.tls;
    const socket =
      tlsOptions === undefined
        ? net.connect({ host, port })
        : tls.connect({
            host,
            port,
            ...(tlsOptions.ca === undefined ? {} : { ca: tlsOptions.ca }),
            ...(tlsOptions.cert === undefined ? {} : { cert: tlsOptions.cert }),
            ...(tlsOptions.key === undefined ? {} : { key: tlsOptions.key }),
            ...(tlsOptions.servername !== undefined
              ? { servername: tlsOptions.servername }
              : net.isIP(host) === 0
                ? { servername: host }
                : {}),
          });
    this.socket = socket;
    this.decoder = new LineDecoder();
    this.handshaken = false;
    socket.setEncoding('utf8');
    socket.setNoDelay(true);
    socket.once(tlsOptions === undefined ? 'connect' : 'secureConnect', () => {
      this.lastRx = Date.now();
      this.write({
        type: 'hello',
        token: this.options.token,
        protocol: BRIDGE_PROTOCOL_VERSION,
        client: 'qmt-gateway',
      });
      this.startHeartbeat(socket);
    });
    socket.on('data', (chunk: string) => this.onData(socket, chunk));
    socket.on('error', (error: Error) => {
      this.lastError = error.message;
      this.options.logger?.warn({ err: error, host, port }, 'bridge link error');
    });
    socket.on('close', () => this.onClose(socket));
  }

  private startHeartbeat(socket: net.Socket): void {
    const interval = this.options.heartbeatIntervalMs ?? 5_000;
    const timeout = this.options.heartbeatTimeoutMs ?? 15_000;
    clearInterval(this.heartbeat);
    this.heartbeat = setInterval(() => {
      if (Date.now() - this.lastRx > timeout) {
        this.options.logger?.warn({ timeoutMs: timeout }, 'bridge silent; dropping the link');
        socket.destroy();
        return;
      }
      this.write({ type: 'heartbeat', ts: Date.now() });
    }, interval);
  }

  private onData(socket: net.Socket, chunk: string): void {
    if (socket !== this.socket) {
      return;
    }
    this.lastRx = Date.now();
    const lines = this.decoder.push(chunk);
    if (lines === 'overflow') {
      this.options.logger?.error({}, 'bridge sent an endless line; dropping the link');
      socket.destroy();
      return;
    }
    for (const line of lines) {
      const parsed = parseBridgeLine(line);
      if (parsed.kind === 'invalid') {
        this.options.logger?.warn({ reason: parsed.reason }, 'ignoring a bad line from the bridge');
      } else if (parsed.message.type === 'response') {
        this.settle(parsed.message);
      } else if (parsed.message.type !== 'heartbeat') {
        this.handler.onMessage(parsed.message);
      }
    }
  }

  private settle(message: BridgeResponse): void {
    const id = typeof message.id === 'number' ? message.id : Number.NaN;
    const pending = this.pending.get(id);
    if (pending === undefined) {
      // Answered after its timeout: the caller was already told the outcome is unknown.
      this.options.logger?.warn({ id: message.id }, 'late or unknown bridge response');
      return;
    }
    this.pending.delete(id);
    clearTimeout(pending.timer);
    if (message.ok) {
      pending.resolve(message.result);
    } else {
      pending.reject(new BridgeError(message.error.code, message.error.message));
    }
  }

  private onClose(socket: net.Socket): void {
    if (socket !== this.socket) {
      return;
    }
    this.socket = undefined;
    this.handshaken = false;
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
    for (const [id, pending] of this.pending) {
      clearTimeout(pending.timer);
      this.pending.delete(id);
      pending.reject(
        new BridgeError(
          BridgeErrorCode.LINK_LOST,
          `link lost with ${pending.method} in flight; outcome unknown`,
        ),
      );
    }
    this.handler.onClosed(this.fatal);
    if (this.stopped || this.fatal !== undefined) {
      return;
    }
    this.attempt += 1;
    const delay = reconnectDelayMs(
      this.attempt,
      this.options.reconnectInitialMs ?? 500,
      this.options.reconnectMaxMs ?? 30_000,
    );
    this.reconnectTimer = setTimeout(() => this.open(), delay);
  }

  private write(message: BridgeOutbound): void {
    this.socket?.write(encodeBridgeMessage(message));
  }
}
