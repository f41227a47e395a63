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
import {
  Allow,
  ApiError,
  CurrentPrincipal,
  DeskDirectory,
  Operation,
  type Principal,
} from '@qmt/runtime';
import { ConnectorStatusBoard } from '../ingest/connector-status.board.js';

const yuan = (price: Price | null): number | null => (price === null ? null : priceToYuan(price));
const money = (units: string): number => Number(formatMoney(asMoney(BigInt(units))));

/** Reference data: instruments and accounts (with the broker's asset and connector state). */
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
