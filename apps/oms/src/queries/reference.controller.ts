import { Controller, Get, HttpStatus, Param } from '@nestjs/common';
import {
  asMoney,
  asPrice,
  formatMoney,
  lotSizeOf,
  priceLimitBand,
  priceToYuan,
  type Price,
} from '@qmt/domain';
import { OrderQueries } from '@qmt/persistence';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import {
  Allow,
  ApiError,
  ApiErrors,
  CurrentPrincipal,
  DeskDirectory,
  Operation,
  type Principal,
} from '@qmt/runtime';
import { ConnectorStatusBoard } from '../ingest/connector-status.board.js';
import { ACCOUNT, ACCOUNTS, ACCOUNT_NOT_FOUND, INSTRUMENT } from './query.examples.js';
import { AccountDto, AccountListDto, InstrumentDto } from './query.response.js';

const yuan = (price: Price | null): number | null => (price === null ? null : priceToYuan(price));
const money = (units: string): number => Number(formatMoney(asMoney(BigInt(units))));

/** Reference data: instruments and accounts (with the broker's asset and connector state). */
@ApiTags('Reference')
@Controller('v1')
@Allow(Operation.READ_REFERENCE)
export class ReferenceController {
  constructor(
    private readonly desk: DeskDirectory,
    private readonly queries: OrderQueries,
    private readonly connectors: ConnectorStatusBoard,
  ) {}

  /**
   * Static reference and today's limits. Live quotes (lastPrice, bid, ask) need the connector's
   * market data, which arrives with the connector issue; until then they are null.
   */
  @Get('instruments/:symbol')
  @ApiOperation({
    summary: 'Read an instrument',
    description: "Reference data and today's price limits from the previous close.",
  })
  @ApiParam({ name: 'symbol', description: 'code with its market suffix', example: '000001.SZ' })
  @ApiOkResponse({ type: InstrumentDto, example: INSTRUMENT })
  @ApiErrors({
    404: [{ code: 'NOT_FOUND', message: 'instrument 999999.SZ is not known to the desk' }],
  })
  instrument(@Param('symbol') symbol: string): Record<string, unknown> {
    const instrument = this.desk.instrument(symbol);
    if (instrument === undefined) {
      throw new ApiError(
        HttpStatus.NOT_FOUND,
        'NOT_FOUND',
        `instrument ${symbol} is not known to the desk`,
      );
    }
    const band = priceLimitBand(instrument);
    return {
      symbol,
      name: instrument.name,
      type: instrument.security.instrumentType,
      board: instrument.security.board,
      market: instrument.security.market,
      lotSize: lotSizeOf(instrument.security),
      tickSize: priceToYuan(instrument.tickSize),
      upLimit: yuan(band?.up ?? null),
      downLimit: yuan(band?.down ?? null),
      preClose: priceToYuan(asPrice(instrument.preClose)),
      lastPrice: null,
      bid: null,
      ask: null,
      status: instrument.status,
    };
  }

  @Get('accounts')
  @ApiOperation({
    summary: 'List accounts',
    description: "The caller's accounts with the broker's asset and the connector's state.",
  })
  @ApiOkResponse({ type: AccountListDto, example: ACCOUNTS })
  async accounts(@CurrentPrincipal() principal: Principal): Promise<Record<string, unknown>> {
    const assets = await this.queries.latestAssets();
    return {
      items: this.desk
        .accounts()
        .filter((a) => principal.accounts.has(a.id))
        .map((a) => this.accountJson(a.id, assets)),
    };
  }

  @Get('accounts/:accountId')
  @ApiOperation({
    summary: 'Read an account',
    description: 'An account the caller may not trade is a 404, as if it did not exist.',
  })
  @ApiParam({ name: 'accountId', example: 'SIM-STOCK' })
  @ApiOkResponse({ type: AccountDto, example: ACCOUNT })
  @ApiErrors({ 404: [ACCOUNT_NOT_FOUND] })
  async account(
    @CurrentPrincipal() principal: Principal,
    @Param('accountId') accountId: string,
  ): Promise<Record<string, unknown>> {
    if (this.desk.account(accountId) === undefined || !principal.accounts.has(accountId)) {
      throw new ApiError(HttpStatus.NOT_FOUND, 'NOT_FOUND', `account ${accountId} not found`);
    }
    return this.accountJson(accountId, await this.queries.latestAssets());
  }

  private accountJson(
    accountId: string,
    assets: Awaited<ReturnType<OrderQueries['latestAssets']>>,
  ): Record<string, unknown> {
    const account = this.desk.account(accountId);
    if (account === undefined) {
      throw new Error(`account ${accountId} vanished from the desk`);
    }
    const asset = assets.get(accountId);
    const connector = this.connectors.get(account.connector);
    return {
      accountId,
      type: account.type,
      connectorId: account.connector,
      connector: { state: connector.state, reason: connector.reason, since: connector.since },
      asset:
        asset === undefined
          ? null
          : {
              cash: money(asset.cash),
              frozenCash: money(asset.frozenCash),
              marketValue: money(asset.marketValue),
              totalAsset: money(asset.totalAsset),
              asOf: asset.at.toISOString(),
            },
    };
  }
}
