import {
  aCancelContext,
  anInstrument,
  cases,
  shanghai,
  weekdays,
  withOrder,
} from '@qmt/domain/testing';
import { futuresSessionPhase, hasNightSession } from '../time/index.js';
import { XtPriceType } from '../xt/index.js';
import { DEFAULT_MARKET_PARAMETERS } from './market-parameters.js';
import { cancelSessionRule } from './cancel-session.rule.js';
import { tradingSessionRule } from './trading-session.rule.js';
import type { CancelRiskContext, OrderRiskContext } from './order-risk-context.js';
import type { Verdict } from './verdict.js';

const codeOf = (verdict: Verdict) => (verdict.ok ? null : verdict.rule);

function at(
  time: string,
  symbol = '000001.SZ',
  order: Partial<OrderRiskContext['order']> = {},
  day = '2026-11-24',
): OrderRiskContext {
  return withOrder(
    { symbol, ...order },
    { instrument: anInstrument(symbol, '10'), now: shanghai(time, day) },
  );
}
const market = { limitPrice: null, priceType: XtPriceType.MARKET_SZ_INSTBUSI_RESTCANCEL };
const afterHours = { afterHours: true };

describe('tradingSessionRule, stocks (cn-market-rules §5, §7): each phase from its first second', () => {
  it.each(
    cases<OrderRiskContext>([
      ['limit 09:14:59 (pre-open)', at('09:14:59'), 'SESSION_CLOSED'],
      ['limit 09:15:00 (opening auction)', at('09:15:00'), null],
      ['limit 09:24:59 (auction, no cancels)', at('09:24:59'), null],
      ['limit 09:25:00 (opening match)', at('09:25:00'), 'SESSION_CLOSED'],
      ['limit 09:29:59', at('09:29:59'), 'SESSION_CLOSED'],
      ['limit 09:30:00', at('09:30:00'), null],
      ['limit 11:29:59', at('11:29:59'), null],
      ['limit 11:30:00 (lunch)', at('11:30:00'), 'SESSION_CLOSED'],
      ['limit 13:00:00', at('13:00:00'), null],
      ['limit 14:57:00 (closing auction)', at('14:57:00'), null],
      ['limit 14:59:59', at('14:59:59'), null],
      ['limit 15:00:00', at('15:00:00'), 'SESSION_CLOSED'],
      ['market 09:24:59 (auction)', at('09:24:59', '000001.SZ', market), 'SESSION_CLOSED'],
      ['market 09:30:00', at('09:30:00', '000001.SZ', market), null],
      ['market 14:56:59', at('14:56:59', '000001.SZ', market), null],
      [
        'market 14:57:00 (closing auction: limit only)',
        at('14:57:00', '000001.SZ', market),
        'SESSION_CLOSED',
      ],
      ['limit on a Saturday', at('10:00:00', '000001.SZ', {}, '2026-11-28'), 'SESSION_CLOSED'],
      ['after-hours STAR 15:04:59', at('15:04:59', '688981.SH', afterHours), 'SESSION_CLOSED'],
      ['after-hours STAR 15:05:00', at('15:05:00', '688981.SH', afterHours), null],
      ['after-hours ChiNext 15:29:59', at('15:29:59', '300750.SZ', afterHours), null],
      ['after-hours ChiNext 15:30:00', at('15:30:00', '300750.SZ', afterHours), 'SESSION_CLOSED'],
      ['after-hours on the main board', at('15:10:00', '600000.SH', afterHours), 'SESSION_CLOSED'],
      [
        'after-hours order in continuous trading',
        at('10:00:00', '688981.SH', afterHours),
        'SESSION_CLOSED',
      ],
      ['an ordinary STAR order after hours', at('15:10:00', '688981.SH'), 'SESSION_CLOSED'],
    ]),
  )('%s', (_case, ctx, code) => {
    expect(codeOf(tradingSessionRule(ctx))).toBe(code);
  });

  it('names the phase and the phases that take the order', () => {
    expect(tradingSessionRule(at('14:57:00', '000001.SZ', market))).toMatchObject({
      rule: 'SESSION_CLOSED',
      details: { observed: 'CLOSING_AUCTION', limit: 'CONTINUOUS', priceKind: 'market' },
    });
  });
});

describe('tradingSessionRule, futures (§5: CFFEX 09:30–11:30, 13:00–15:00; commodities and nights)', () => {
  it.each(
    cases<OrderRiskContext>([
      ['IF 09:29:59', at('09:29:59', 'IF2612.IF'), 'SESSION_CLOSED'],
      ['IF 09:30:00', at('09:30:00', 'IF2612.IF'), null],
      ['IF 11:29:59', at('11:29:59', 'IF2612.IF'), null],
      ['IF 11:30:00', at('11:30:00', 'IF2612.IF'), 'SESSION_CLOSED'],
      ['IF 14:59:59', at('14:59:59', 'IF2612.IF'), null],
      ['IF 15:00:00', at('15:00:00', 'IF2612.IF'), 'SESSION_CLOSED'],
      ['T (treasury) 15:14:59', at('15:14:59', 'T2612.IF'), null],
      ['T (treasury) 15:15:00', at('15:15:00', 'T2612.IF'), 'SESSION_CLOSED'],
      ['IF at night', at('21:30:00', 'IF2612.IF'), 'SESSION_CLOSED'],
      ['rb 08:59:59', at('08:59:59', 'rb2605.SF'), 'SESSION_CLOSED'],
      ['rb 09:00:00', at('09:00:00', 'rb2605.SF'), null],
      ['rb 10:14:59', at('10:14:59', 'rb2605.SF'), null],
      ['rb 10:15:00 (morning break)', at('10:15:00', 'rb2605.SF'), 'SESSION_CLOSED'],
      ['rb 10:30:00', at('10:30:00', 'rb2605.SF'), null],
      ['rb 13:29:59', at('13:29:59', 'rb2605.SF'), 'SESSION_CLOSED'],
      ['rb 13:30:00', at('13:30:00', 'rb2605.SF'), null],
      ['rb 20:59:59', at('20:59:59', 'rb2605.SF'), 'SESSION_CLOSED'],
      ['rb 21:00:00 (night)', at('21:00:00', 'rb2605.SF'), null],
      ['rb 22:59:59', at('22:59:59', 'rb2605.SF'), null],
      ['rb 23:00:00', at('23:00:00', 'rb2605.SF'), 'SESSION_CLOSED'],
      ['cu 00:59:59 (Tuesday night)', at('00:59:59', 'cu2605.SF', {}, '2026-11-25'), null],
      ['cu 01:00:00', at('01:00:00', 'cu2605.SF', {}, '2026-11-25'), 'SESSION_CLOSED'],
      ['au 02:29:59', at('02:29:59', 'au2606.SF', {}, '2026-11-25'), null],
      ['au 02:30:00', at('02:30:00', 'au2606.SF', {}, '2026-11-25'), 'SESSION_CLOSED'],
      ['au Friday night 21:00', at('21:00:00', 'au2606.SF', {}, '2026-11-27'), null],
      ['au Saturday 02:00 (Friday night)', at('02:00:00', 'au2606.SF', {}, '2026-11-28'), null],
      ['au Saturday 21:00', at('21:00:00', 'au2606.SF', {}, '2026-11-28'), 'SESSION_CLOSED'],
      ['GFEX has no night session', at('21:00:00', 'si2605.GF'), 'SESSION_CLOSED'],
    ]),
  )('%s', (_case, ctx, code) => {
    expect(codeOf(tradingSessionRule(ctx))).toBe(code);
  });

  it('has no night session on the evening before a holiday', () => {
    const holidayWednesday = (day: string) => weekdays(day) && day !== '2026-11-25';
    expect(hasNightSession('2026-11-24', holidayWednesday)).toBe(false);
    expect(hasNightSession('2026-11-24', weekdays)).toBe(true);
    // Friday evening trades when Monday does, not when Monday is a holiday.
    expect(hasNightSession('2026-11-27', weekdays)).toBe(true);
    expect(hasNightSession('2026-11-27', (d) => weekdays(d) && d !== '2026-11-30')).toBe(false);
    const ends = DEFAULT_MARKET_PARAMETERS.nightSessionEnds['rb'] ?? null;
    expect(futuresSessionPhase(shanghai('21:00:00'), 'SF', 'rb', ends, holidayWednesday)).toBe(
      'CLOSED',
    );
  });
});

describe('cancelSessionRule (§5: no cancels 09:20–09:25 and 14:57–15:00)', () => {
  const cancelAt = (time: string, symbol = '000001.SZ'): CancelRiskContext =>
    aCancelContext({ now: shanghai(time), instrument: anInstrument(symbol, '10') });
  it.each(
    cases<CancelRiskContext>([
      ['09:19:59', cancelAt('09:19:59'), null],
      ['09:20:00', cancelAt('09:20:00'), 'SESSION_CLOSED'],
      ['09:24:59', cancelAt('09:24:59'), 'SESSION_CLOSED'],
      ['09:25:00', cancelAt('09:25:00'), null],
      ['14:56:59', cancelAt('14:56:59'), null],
      ['14:57:00', cancelAt('14:57:00'), 'SESSION_CLOSED'],
      ['14:59:59', cancelAt('14:59:59'), 'SESSION_CLOSED'],
      ['15:00:00', cancelAt('15:00:00'), null],
      ['a futures cancel at 14:58', cancelAt('14:58:00', 'IF2612.IF'), null],
    ]),
  )('%s', (_case, ctx, code) => {
    expect(codeOf(cancelSessionRule(ctx))).toBe(code);
  });
});
