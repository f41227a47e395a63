import { HttpStatus } from '@nestjs/common';
import type { ListFilter, PageCursor } from '@qmt/persistence';
import { ApiError, type Principal } from '@qmt/runtime';
import type { ListTradesQuery } from './list-query.dto.js';

export function encodeCursor(cursor: PageCursor | null): string | null {
  return cursor === null
    ? null
    : Buffer.from(JSON.stringify([cursor.at.toISOString(), cursor.id])).toString('base64url');
}

export function decodeCursor(text: string | undefined): PageCursor | null {
  if (text === undefined) {
    return null;
  }
  try {
    const [at, id] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown[];
    const date = typeof at === 'string' ? new Date(at) : null;
    if (date !== null && !Number.isNaN(date.getTime()) && typeof id === 'string' && id !== '') {
      return { at: date, id };
    }
  } catch {
    // Falls through to the 400 below.
  }
  throw ApiError.field('cursor', 'cursor is not one this API handed out (use nextCursor as given)');
}

/** A strategy may ask only about itself: 403 when it names another strategy. */
export function assertOwnStrategy(principal: Principal, strategyId: string | undefined): void {
  if (
    principal.strategyId !== null &&
    strategyId !== undefined &&
    strategyId !== principal.strategyId
  ) {
    throw new ApiError(
      HttpStatus.FORBIDDEN,
      'FORBIDDEN',
      `strategy ${principal.strategyId} may not see strategy ${strategyId}'s orders, trades or book`,
    );
  }
}

/** The filter a principal may run: a strategy sees only its own orders and trades. */
export function scopedFilter(principal: Principal, query: ListTradesQuery): ListFilter {
  assertOwnStrategy(principal, query.strategyId);
  const from = query.from === undefined ? undefined : new Date(query.from);
  const to = query.to === undefined ? undefined : new Date(query.to);
  if (from !== undefined && to !== undefined && from >= to) {
    throw ApiError.field('to', 'to must be later than from');
  }
  const strategyId = principal.strategyId ?? query.strategyId;
  return {
    ...(query.accountId === undefined ? {} : { accountId: query.accountId }),
    ...(strategyId === undefined ? {} : { strategyId }),
    ...(query.symbol === undefined ? {} : { symbol: query.symbol }),
    ...(from === undefined ? {} : { from }),
    ...(to === undefined ? {} : { to }),
  };
}
