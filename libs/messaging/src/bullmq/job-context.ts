import { logContext, withLogContext } from '@qmt/observability';

/**
 * The request that is adding a job travels in it (requestId, and the client's order id when the
 * enqueuer knows it), so the worker's log lines name the same request. Fields the job already
 * carries win.
 */
export function withRequestOf<T extends { readonly requestId?: string }>(
  job: T,
  options: { readonly clientOrderId?: boolean } = {},
): T {
  const context = logContext();
  const stamped: Record<string, string> = {};
  if (job.requestId === undefined && context.requestId !== undefined) {
    stamped.requestId = context.requestId;
  }
  if (
    options.clientOrderId === true &&
    !('clientOrderId' in job) &&
    context.clientOrderId !== undefined
  ) {
    stamped.clientOrderId = context.clientOrderId;
  }
  return Object.keys(stamped).length === 0 ? job : { ...job, ...stamped };
}

/** Runs a job's handler with the job's request and order fields on every log line. */
export function inJobContext<T>(
  job: {
    readonly requestId?: string;
    readonly orderId?: string;
    readonly clientOrderId?: string;
    readonly accountId?: string;
    readonly strategyId?: string;
    readonly parentId?: string;
  },
  handler: () => T,
): T {
  return withLogContext(
    {
      ...(job.requestId === undefined ? {} : { requestId: job.requestId }),
      ...(job.orderId === undefined ? {} : { orderId: job.orderId }),
      ...(job.clientOrderId === undefined ? {} : { clientOrderId: job.clientOrderId }),
      ...(job.accountId === undefined ? {} : { accountId: job.accountId }),
      ...(job.strategyId === undefined ? {} : { strategyId: job.strategyId }),
      ...(job.parentId === undefined ? {} : { parentId: job.parentId }),
    },
    handler,
  );
}
