import { resolve } from 'node:path';
import { loadDeskConfig } from '@qmt/contracts';
import { asPrice } from '@qmt/domain';
import { DeskDirectory } from '@qmt/runtime';
import { ReferenceMarketData } from './reference-market-data.js';

const desk = new DeskDirectory(
  loadDeskConfig(resolve(import.meta.dirname, '../../../../config/desk.yaml')),
);
const at = (hhmmss: string) => new Date(`2026-11-24T${hhmmss}+08:00`);

describe('the reference market data', () => {
  it('quotes the sim resting quote, or the live one when the desk wires it', async () => {
    const market = new ReferenceMarketData(desk);
    expect(await market.quote('000001.SZ')).toEqual({ last: 115_000, bid: 114_900, ask: 115_100 });
    expect(await market.quote('999999.SZ')).toBeNull();
    market.useLiveQuotes((symbol) =>
      symbol === '000001.SZ' ? { last: asPrice(116_000), bid: null, ask: null } : null,
    );
    expect(await market.quote('000001.SZ')).toEqual({ last: 116_000, bid: null, ask: null });
  });

  it('trades its daily volume over the continuous session, the same every time it is asked', async () => {
    const market = new ReferenceMarketData(desk, { dailyVolume: 1_000_000, noise: 0.3 });
    const morning = await market.traded('000001.SZ', at('09:30:00'), at('11:30:00'));
    const afternoon = await market.traded('000001.SZ', at('13:00:00'), at('14:57:00'));
    const total = (morning?.volume ?? 0) + (afternoon?.volume ?? 0);
    expect(total).toBeGreaterThan(950_000);
    expect(total).toBeLessThan(1_050_000);
    expect(await market.traded('000001.SZ', at('09:30:00'), at('11:30:00'))).toEqual(morning);
    expect(morning?.notional).toBe(BigInt(morning?.volume ?? 0) * 115_000n);
  });

  it('splits minutes pro rata and reports nothing outside continuous trading', async () => {
    const market = new ReferenceMarketData(desk, { noise: 0 });
    const whole = await market.traded('000001.SZ', at('10:00:00'), at('10:02:00'));
    const first = await market.traded('000001.SZ', at('10:00:00'), at('10:00:30'));
    const rest = await market.traded('000001.SZ', at('10:00:30'), at('10:02:00'));
    expect(
      Math.abs((first?.volume ?? 0) + (rest?.volume ?? 0) - (whole?.volume ?? 0)),
    ).toBeLessThanOrEqual(1);
    expect(await market.traded('000001.SZ', at('12:00:00'), at('12:30:00'))).toBeNull();
    expect(await market.traded('000001.SZ', at('10:00:00'), at('10:00:00'))).toBeNull();
    expect(await market.minuteBars()).toEqual([]);
  });
});
