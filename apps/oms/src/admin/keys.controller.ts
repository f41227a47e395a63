import { Body, Controller, HttpCode, HttpStatus, Post, Req } from '@nestjs/common';
import {
  Allow,
  CurrentPrincipal,
  KeyRotation,
  Operation,
  peerAddress,
  type KeyReloadReport,
  type Principal,
} from '@qmt/runtime';
import type { Request } from 'express';

/** The reload takes no body: any field is refused (400), so a stray payload is never ignored. */
export class KeyReloadRequest {}

/** Key rotation without a restart (docs/security.md); SIGHUP does the same. */
@Controller('v1/admin/keys')
@Allow(Operation.RELOAD_KEYS)
export class KeysController {
  constructor(private readonly rotation: KeyRotation) {}

  /** Re-reads the desk file's key entries; 422 (keys unchanged) when the file does not validate. */
  @Post('reload')
  @HttpCode(HttpStatus.OK)
  reload(
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
    @Body() _body: KeyReloadRequest,
  ): Promise<KeyReloadReport> {
    return this.rotation.reload({ principal, ip: peerAddress(request), via: 'http' });
  }
}
