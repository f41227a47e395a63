import { barsOfFrames, transferResultOf } from './bridge-surface.js';

describe('bridge surface conversions', () => {
  it('turns get_market_data_ex frames (orient split) into bars with epoch-ms times', () => {
    const bars = barsOfFrames({
      '600000.SH': {
        index: ['20261124093000', '20261124093100'],
        columns: ['open', 'close', 'volume', 'settelementPrice'],
        data: [
          [10, 10.01, 1200, 0],
          [10.01, 10.02, 800, 0],
        ],
      },
    });
    expect(bars['600000.SH']).toEqual([
      // 09:30 Shanghai = 01:30 UTC; the misspelt column is kept as it came.
      {
        open: 10,
        close: 10.01,
        volume: 1200,
        settelementPrice: 0,
        time: Date.UTC(2026, 10, 24, 1, 30),
        high: 0,
        low: 0,
        amount: 0,
      },
      {
        open: 10.01,
        close: 10.02,
        volume: 800,
        settelementPrice: 0,
        time: Date.UTC(2026, 10, 24, 1, 31),
        high: 0,
        low: 0,
        amount: 0,
      },
    ]);
  });

  it('ignores what is not a frame', () => {
    expect(barsOfFrames(null)).toEqual({});
    expect(barsOfFrames({ x: [1, 2] })).toEqual({});
  });

  it.each([
    [[true, '成功'], { success: true, msg: '成功' }],
    [[false, '余额不足'], { success: false, msg: '余额不足' }],
    [
      { success: true, msg: 'ok' },
      { success: true, msg: 'ok' },
    ],
  ])('reads the transfer answer %j', (answer, expected) => {
    expect(transferResultOf(answer)).toEqual(expected);
  });

  it('reads an unexpected transfer answer as a failure naming it', () => {
    expect(transferResultOf(7)).toEqual({ success: false, msg: 'unexpected transfer answer 7' });
  });
});
