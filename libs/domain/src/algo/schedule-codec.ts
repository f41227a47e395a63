// A schedule as it is stored (jsonb) and read back: instants as ISO strings. The parent's own
// fields are stored in columns, so only the window and the buckets travel here.
import type { AlgoParent } from './algo-types.js';
import type { Schedule } from './schedule.js';
import type { ProfileSource } from './volume-profile.js';

export interface ScheduleJson {
  readonly segments: readonly { readonly start: string; readonly end: string }[];
  readonly tradingSeconds: number;
  readonly buckets: readonly {
    readonly start: string;
    readonly end: string;
    readonly weight: number;
    readonly cumulativeTarget: number;
  }[];
}

export function scheduleToJson(schedule: Schedule): ScheduleJson {
  return {
    segments: schedule.window.segments.map((s) => ({
      start: s.start.toISOString(),
      end: s.end.toISOString(),
    })),
    tradingSeconds: schedule.window.tradingSeconds,
    buckets: schedule.buckets.map((b) => ({
      start: b.start.toISOString(),
      end: b.end.toISOString(),
      weight: b.weight,
      cumulativeTarget: b.cumulativeTarget,
    })),
  };
}

/** The stored schedule of `parent` on `tradingDay`, exactly as it was built. */
export function scheduleFromJson(
  parent: AlgoParent,
  json: ScheduleJson,
  tradingDay: string,
  bucketSeconds: number,
  profileSource: ProfileSource,
): Schedule {
  const segments = json.segments.map((s) => ({ start: new Date(s.start), end: new Date(s.end) }));
  const buckets = json.buckets.map((b, index) => ({
    index,
    start: new Date(b.start),
    end: new Date(b.end),
    weight: b.weight,
    cumulativeTarget: b.cumulativeTarget,
  }));
  const first = segments[0];
  const last = segments[segments.length - 1];
  if (first === undefined || last === undefined) {
    throw new RangeError('a stored schedule has at least one continuous segment');
  }
  return {
    parent,
    window: {
      tradingDay,
      start: first.start,
      end: last.end,
      segments,
      tradingSeconds: json.tradingSeconds,
    },
    bucketSeconds,
    profileSource,
    buckets,
  };
}
