import { Body, Controller, HttpCode, HttpStatus, Post, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import {
  Allow,
  ApiErrors,
  CurrentPrincipal,
  badField,
  KeyRotation,
  Operation,
  peerAddress,
  type KeyReloadReport,
  type Principal,
} from '@qmt/runtime';
import type { Request } from 'express';

/** The reload takes no body: any field is refused (400), so a stray payload is never ignored. */
export class KeyReloadRequest {}

export class KeyReloadReportDto {
  @ApiProperty({ type: [String], description: 'principals whose accepted keys changed' })
  changed!: string[];

  @ApiProperty({ type: [String], description: 'principals gone from the file: keys refused now' })
  revoked!: string[];

  @ApiProperty({ type: [String], description: 'principals this process does not run (restart)' })
  ignored!: string[];

  @ApiProperty({ type: 'integer', description: 'keys accepted after the reload' })
  keys!: number;
}

/** Key rotation without a restart (docs/security.md); SIGHUP does the same. */
@ApiTags('Admin')
@Controller('v1/admin/keys')
@Allow(Operation.RELOAD_KEYS)
export class KeysController {
  constructor(private readonly rotation: KeyRotation) {}

  /** Re-reads the desk file's key entries; 422 (keys unchanged) when the file does not validate. */
  @Post('reload')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Reload the API keys from the desk file',
    description:
      'Re-reads the key entries of DESK_CONFIG; nothing else changes. SIGHUP does the same.',
  })
  @ApiOkResponse({
    type: KeyReloadReportDto,
    example: { changed: ['alpha'], revoked: [], ignored: [], keys: 7 },
  })
  @ApiErrors({
    400: [badField('stray', 'property stray should not exist')],
    409: [
      {
        code: 'NO_DESK_FILE',
        message:
          'this process was not started from a desk file (DESK_CONFIG), so there is nothing to re-read',
      },
    ],
    422: [
      {
        code: 'DESK_CONFIG_INVALID',
        message: 'the desk file does not validate, keys unchanged: strategies.0.apiKey: Required',
      },
    ],
  })
  reload(
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
    @Body() _body: KeyReloadRequest,
  ): Promise<KeyReloadReport> {
    return this.rotation.reload({ principal, ip: peerAddress(request), via: 'http' });
  }
}
