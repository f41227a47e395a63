import { aSchedule, aWindow } from '@qmt/domain/testing';
import { scheduleFromJson, scheduleToJson } from './schedule-codec.js';

describe('a stored schedule', () => {
  it('reads back exactly as it was built, across lunch', () => {
    const built = aSchedule({ quantity: 12_345 }, aWindow('11:00', '13:30'), 300);
    const json = JSON.parse(JSON.stringify(scheduleToJson(built))) as ReturnType<
      typeof scheduleToJson
    >;
    const read = scheduleFromJson(
      built.parent,
      json,
      built.window.tradingDay,
      300,
      'DEFAULT_U_SHAPE',
    );
    expect(read).toEqual(built);
    expect(read.buckets.at(-1)?.cumulativeTarget).toBe(12_345);
  });

  it('refuses a schedule without a segment', () => {
    const built = aSchedule();
    expect(() =>
      scheduleFromJson(
        built.parent,
        { segments: [], tradingSeconds: 0, buckets: [] },
        'x',
        60,
        'FLAT',
      ),
    ).toThrow(RangeError);
  });
});
