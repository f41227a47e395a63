/**
 * Why a bridge call failed. The codes say whether the request can have reached miniQMT:
 * NOT_SENT and NOT_CONNECTED never did; LINK_LOST and TIMEOUT may have (outcome unknown, look
 * the remark up before anything is placed again); the rest are the bridge's own replies.
 */
export const BridgeErrorCode = {
  NOT_SENT: 'NOT_SENT',
  LINK_LOST: 'LINK_LOST',
  TIMEOUT: 'TIMEOUT',
  NOT_CONNECTED: 'NOT_CONNECTED',
  AUTH_FAILED: 'AUTH_FAILED',
  PROTOCOL_VERSION: 'PROTOCOL_VERSION',
} as const;

export class BridgeError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = 'BridgeError';
  }

  /** True when the request certainly never reached miniQMT. */
  get neverSent(): boolean {
    return this.code === BridgeErrorCode.NOT_SENT || this.code === BridgeErrorCode.NOT_CONNECTED;
  }
}
