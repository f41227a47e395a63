import { XtAccountStatusCode } from '@qmt/domain';

export type ConnectorState =
  | { readonly state: 'UP'; readonly reason: string }
  | { readonly state: 'DOWN'; readonly reason: string };

/**
 * Account statuses the counter still takes orders in: normal, refreshing its data, and after
 * the close (the counter itself rejects what it cannot take then, with a reason).
 */
const USABLE: ReadonlySet<number> = new Set<number>([
  XtAccountStatusCode.ACCOUNT_STATUS_OK,
  XtAccountStatusCode.ACCOUNT_STATUS_CORRECTING,
  XtAccountStatusCode.ACCOUNT_STATUS_CLOSED,
]);

const STATUS_WORDS: Readonly<Record<number, string>> = {
  [-1]: 'invalid',
  1: 'connecting',
  2: 'logging in',
  3: 'login failed',
  4: 'initialising',
  7: 'look-through link down',
  8: 'disabled by the system',
  9: 'disabled by the user',
};

/**
 * The connector's state for risk: UP only once the session is connected, every account
 * subscribed and reconciled, and no account's counter link reports a status it cannot trade
 * in. Risk keys the state by connector, so one unusable account takes the connector DOWN:
 * a refused order is cheaper than one sent to a counter that lost its link.
 */
export function connectorStateOf(
  session: { readonly ready: boolean; readonly reason: string },
  accountStatuses: ReadonlyMap<string, number>,
): ConnectorState {
  if (!session.ready) {
    return { state: 'DOWN', reason: session.reason };
  }
  const unusable = [...accountStatuses]
    .filter(([, status]) => !USABLE.has(status))
    .map(
      ([account, status]) =>
        `account ${account} status ${status} (${STATUS_WORDS[status] ?? 'unknown'})`,
    );
  return unusable.length === 0
    ? { state: 'UP', reason: session.reason }
    : { state: 'DOWN', reason: unusable.join('; ') };
}
