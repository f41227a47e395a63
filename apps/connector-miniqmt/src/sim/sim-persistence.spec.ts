import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XtOrderStatus, XtPriceType } from '@qmt/domain';
import { SimJournal } from './sim-journal.js';
import { STOCK, simFixture } from './testing/sim-fixture.js';

describe('the sim broker across restarts', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sim-state-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps orders, trades, cash and positions when the desk restarts the same day', async () => {
    const first = simFixture({ stateDir: dir });
    await first.sim.connect();
    await first.sim.orderStockAsync(
      STOCK,
      '600000.SH',
      23,
      100,
      XtPriceType.FIX_PRICE,
      10.01,
      'a',
      'KEEP',
    );
    await first.sim.orderStockAsync(
      STOCK,
      '600000.SH',
      24,
      300,
      XtPriceType.FIX_PRICE,
      10.5,
      'a',
      'REST',
    );
    await first.settle();
    // No close(): the journal is written before callbacks leave, as after a kill -9.
    const second = simFixture({ stateDir: dir });
    await second.sim.connect();
    const orders = await second.orders(STOCK);
    expect(orders.map((o) => [o.order_remark, o.order_status])).toEqual([
      ['KEEP', XtOrderStatus.ORDER_SUCCEEDED],
      ['REST', XtOrderStatus.ORDER_REPORTED],
    ]);
    expect(await second.sim.queryStockTrades(STOCK)).toHaveLength(1);
    expect((await second.sim.queryStockAsset(STOCK))?.cash).toBe(1_000_000 - 1_001);
    expect(await second.sim.queryStockPosition(STOCK, '600000.SH')).toMatchObject({
      volume: 10_100,
      can_use_volume: 9_700,
      frozen_volume: 300,
    });
    // The resting order still works at the restored broker, and ids continue.
    second.sim.setQuote('600000.SH', 10.51);
    await second.settle();
    const [, rest] = await second.orders(STOCK);
    expect(rest?.order_status).toBe(XtOrderStatus.ORDER_SUCCEEDED);
    await second.sim.orderStockAsync(
      STOCK,
      '600000.SH',
      23,
      100,
      XtPriceType.FIX_PRICE,
      10.6,
      'a',
      'NEXT',
    );
    const next = (await second.orders(STOCK)).find((o) => o.order_remark === 'NEXT');
    expect(next?.order_id).toBeGreaterThan(Math.max(...orders.map((o) => o.order_id)));
  });

  it('rolls to a new trading day: yesterday’s buys become sellable, orders are gone', async () => {
    const first = simFixture({ stateDir: dir });
    await first.sim.connect();
    await first.sim.orderStockAsync(
      STOCK,
      '000001.SZ',
      23,
      200,
      XtPriceType.FIX_PRICE,
      12.01,
      'a',
      'BUY',
    );
    await first.settle();
    expect(await first.sim.queryStockPosition(STOCK, '000001.SZ')).toMatchObject({
      can_use_volume: 0,
    });
    const restarted = simFixture({ stateDir: dir, now: () => new Date('2026-11-25T01:35:00Z') });
    await restarted.sim.connect();
    expect(await restarted.orders(STOCK)).toEqual([]);
    expect(await restarted.sim.queryStockPosition(STOCK, '000001.SZ')).toMatchObject({
      volume: 200,
      can_use_volume: 200,
      yesterday_volume: 200,
    });
  });

  it('ignores a torn last journal line (a kill in the middle of a write)', () => {
    const journal = new SimJournal(dir);
    journal.compact(new Map([['meta', { n: 1 }]]));
    journal.append([{ key: 'order:1', value: { orderId: 1, money: 5n } }]);
    journal.close();
    const path = join(dir, 'broker.journal.jsonl');
    writeFileSync(path, readFileSync(path, 'utf8') + '{"key":"order:2","val');
    const state = new SimJournal(dir).load();
    expect(state.get('order:1')).toEqual({ orderId: 1, money: 5n });
    expect(state.has('order:2')).toBe(false);
  });
});
