import { parseSecurityCode } from './security-code.js';

describe('parseSecurityCode (cn-market-rules §1)', () => {
  it.each([
    // SH main board: 600, 601, 603, 605
    ['600000.SH', 'SH', 'MAIN', 'STOCK'],
    ['601318.SH', 'SH', 'MAIN', 'STOCK'],
    ['603288.SH', 'SH', 'MAIN', 'STOCK'],
    ['605001.SH', 'SH', 'MAIN', 'STOCK'],
    // STAR: 688, 689 (CDRs)
    ['688981.SH', 'SH', 'STAR', 'STOCK'],
    ['689009.SH', 'SH', 'STAR', 'STOCK'],
    // SZ main board: 000, 001, 002, 003
    ['000001.SZ', 'SZ', 'MAIN', 'STOCK'],
    ['001979.SZ', 'SZ', 'MAIN', 'STOCK'],
    ['002594.SZ', 'SZ', 'MAIN', 'STOCK'],
    ['003816.SZ', 'SZ', 'MAIN', 'STOCK'],
    // ChiNext: 300, 301
    ['300750.SZ', 'SZ', 'CHINEXT', 'STOCK'],
    ['301001.SZ', 'SZ', 'CHINEXT', 'STOCK'],
    // BSE: 43, 83, 87, 92
    ['430047.BJ', 'BJ', 'BSE', 'STOCK'],
    ['830799.BJ', 'BJ', 'BSE', 'STOCK'],
    ['871981.BJ', 'BJ', 'BSE', 'STOCK'],
    ['920002.BJ', 'BJ', 'BSE', 'STOCK'],
    // SH ETFs: 510–518, 560–563, 588
    ['510300.SH', 'SH', 'FUND', 'ETF'],
    ['518880.SH', 'SH', 'FUND', 'ETF'],
    ['560010.SH', 'SH', 'FUND', 'ETF'],
    ['563300.SH', 'SH', 'FUND', 'ETF'],
    ['588000.SH', 'SH', 'FUND', 'ETF'],
    // SZ ETFs 159, LOFs 16
    ['159915.SZ', 'SZ', 'FUND', 'ETF'],
    ['161725.SZ', 'SZ', 'FUND', 'LOF'],
    ['160106.SZ', 'SZ', 'FUND', 'LOF'],
    // SH convertible bonds: 110, 111, 113, 118 (STAR)
    ['110059.SH', 'SH', 'BOND', 'CONVERTIBLE_BOND'],
    ['111010.SH', 'SH', 'BOND', 'CONVERTIBLE_BOND'],
    ['113050.SH', 'SH', 'BOND', 'CONVERTIBLE_BOND'],
    ['118003.SH', 'SH', 'BOND', 'CONVERTIBLE_BOND'],
    // SZ convertible bonds: 123, 127, 128
    ['123456.SZ', 'SZ', 'BOND', 'CONVERTIBLE_BOND'],
    ['127045.SZ', 'SZ', 'BOND', 'CONVERTIBLE_BOND'],
    ['128136.SZ', 'SZ', 'BOND', 'CONVERTIBLE_BOND'],
    // Indexes: the suffix decides (000001.SH is the SSE Composite, 000001.SZ a bank)
    ['000001.SH', 'SH', 'INDEX', 'INDEX'],
    ['000300.SH', 'SH', 'INDEX', 'INDEX'],
    ['399001.SZ', 'SZ', 'INDEX', 'INDEX'],
    // ETF options: 8 digits
    ['10004358.SHO', 'SHO', 'OPTION', 'OPTION'],
    ['90000001.SZO', 'SZO', 'OPTION', 'OPTION'],
    // Futures on each exchange
    ['IF2512.IF', 'IF', 'FUTURE', 'FUTURE'],
    ['TL2603.IF', 'IF', 'FUTURE', 'FUTURE'],
    ['rb2505.SF', 'SF', 'FUTURE', 'FUTURE'],
    ['m2605.DF', 'DF', 'FUTURE', 'FUTURE'],
    ['SR605.ZF', 'ZF', 'FUTURE', 'FUTURE'],
    ['sc2606.INE', 'INE', 'FUTURE', 'FUTURE'],
    ['si2606.GF', 'GF', 'FUTURE', 'FUTURE'],
  ])('%s is %s %s %s', (symbol, market, board, instrumentType) => {
    expect(parseSecurityCode(symbol)).toMatchObject({
      ok: true,
      security: { symbol, code: symbol.split('.')[0], market, board, instrumentType },
    });
  });

  it.each([
    ['600000.SH', 0],
    ['000001.SZ', 1],
    ['430047.BJ', 70],
    ['IF2512.IF', 2],
  ])('gives %s the xt market integer %d', (symbol, xtMarket) => {
    expect(parseSecurityCode(symbol)).toMatchObject({ security: { xtMarket } });
  });

  it.each([
    ['IF2512.IF', 'IF'],
    ['rb2505.SF', 'rb'],
    ['SR605.ZF', 'SR'],
  ])('gives the futures contract %s its product %s', (symbol, product) => {
    expect(parseSecurityCode(symbol)).toMatchObject({ security: { product } });
  });

  it('leaves product absent outside futures', () => {
    const parsed = parseSecurityCode('600000.SH');
    expect(parsed.ok && 'product' in parsed.security).toBe(false);
  });

  // Malformed symbols are refused, never normalised: the symbol is an identity key.
  it.each([
    ['600000', 'market suffix'],
    ['', 'market suffix'],
    ['600000.sh', 'uppercase market suffix'],
    [' 600000.SH', 'market suffix'],
    ['600000.SH ', 'market suffix'],
    ['600000.SH.SZ', 'market suffix'],
    ['600000.XX', 'unknown market suffix .XX'],
    ['60000.SH', '6-digit'],
    ['6000000.SH', '6-digit'],
    ['60000A.SH', '6-digit'],
    ['900901.SH', 'not a stock, fund, bond or index'],
    ['519001.SH', 'not a stock, fund, bond or index'],
    ['564000.SH', 'not a stock, fund, bond or index'],
    ['399001.SH', 'not a stock, fund, bond or index'],
    ['200002.SZ', 'not a stock, fund, bond or index'],
    ['600000.BJ', 'not a stock, fund, bond or index'],
    ['1000435.SHO', '8-digit'],
    ['IF.IF', 'futures contract'],
    ['IF25.IF', 'futures contract'],
    ['IF2513.IF', 'delivery month 13'],
    ['IF2500.IF', 'delivery month 00'],
    ['XX2512.IF', 'CFFEX does not list'],
    ['rb2505.IF', 'CFFEX does not list'],
  ])('refuses %p (%s)', (symbol, reason) => {
    const parsed = parseSecurityCode(symbol);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.reason).toContain(reason);
  });
});
