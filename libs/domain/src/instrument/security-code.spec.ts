import { parseSecurityCode } from './security-code.js';

describe('parseSecurityCode (cn-market-rules §1)', () => {
  it.each([
    ['600000.SH', 'SH', 'MAIN', 'STOCK'],
    ['601318.SH', 'SH', 'MAIN', 'STOCK'],
    ['605001.SH', 'SH', 'MAIN', 'STOCK'],
    ['688981.SH', 'SH', 'STAR', 'STOCK'],
    ['689009.SH', 'SH', 'STAR', 'STOCK'],
    ['000001.SZ', 'SZ', 'MAIN', 'STOCK'],
    ['002594.SZ', 'SZ', 'MAIN', 'STOCK'],
    ['003816.SZ', 'SZ', 'MAIN', 'STOCK'],
    ['300750.SZ', 'SZ', 'CHINEXT', 'STOCK'],
    ['301001.SZ', 'SZ', 'CHINEXT', 'STOCK'],
    ['430047.BJ', 'BJ', 'BSE', 'STOCK'],
    ['830799.BJ', 'BJ', 'BSE', 'STOCK'],
    ['920002.BJ', 'BJ', 'BSE', 'STOCK'],
    ['510300.SH', 'SH', 'FUND', 'ETF'],
    ['563300.SH', 'SH', 'FUND', 'ETF'],
    ['588000.SH', 'SH', 'FUND', 'ETF'],
    ['159915.SZ', 'SZ', 'FUND', 'ETF'],
    ['161725.SZ', 'SZ', 'FUND', 'LOF'],
    ['113050.SH', 'SH', 'BOND', 'CONVERTIBLE_BOND'],
    ['118003.SH', 'SH', 'BOND', 'CONVERTIBLE_BOND'],
    ['123456.SZ', 'SZ', 'BOND', 'CONVERTIBLE_BOND'],
    ['128136.SZ', 'SZ', 'BOND', 'CONVERTIBLE_BOND'],
    ['000001.SH', 'SH', 'INDEX', 'INDEX'],
    ['399001.SZ', 'SZ', 'INDEX', 'INDEX'],
    ['10004358.SHO', 'SHO', 'OPTION', 'OPTION'],
    ['90000001.SZO', 'SZO', 'OPTION', 'OPTION'],
    ['IF2612.IF', 'IF', 'FUTURE', 'FUTURE'],
    ['rb2605.SF', 'SF', 'FUTURE', 'FUTURE'],
    ['m2605.DF', 'DF', 'FUTURE', 'FUTURE'],
    ['SR605.ZF', 'ZF', 'FUTURE', 'FUTURE'],
    ['sc2606.INE', 'INE', 'FUTURE', 'FUTURE'],
    ['si2606.GF', 'GF', 'FUTURE', 'FUTURE'],
  ])('%s is %s %s %s', (symbol, market, board, instrumentType) => {
    const parsed = parseSecurityCode(symbol);
    expect(parsed).toMatchObject({ ok: true, security: { symbol, market, board, instrumentType } });
  });

  it('gives the xt market integer and the futures product', () => {
    expect(parseSecurityCode('430047.BJ')).toMatchObject({ security: { xtMarket: 70 } });
    expect(parseSecurityCode('IF2612.IF')).toMatchObject({
      security: { xtMarket: 2, product: 'IF' },
    });
  });

  it.each([
    ['600000', 'market suffix'],
    ['60000.SH', '6-digit'],
    ['600000.XX', 'unknown market suffix'],
    ['600000.sh', 'market suffix'],
    ['', 'market suffix'],
    ['900901.SH', 'not a stock'],
    ['1000435.SHO', '8-digit'],
    ['IF.IF', 'futures contract'],
  ])('refuses %s (%s)', (symbol, reason) => {
    const parsed = parseSecurityCode(symbol);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.reason).toContain(reason);
  });
});
