import {
  HttpStatus,
  Inject,
  Injectable,
  Optional,
  SetMetadata,
  applyDecorators,
  createParamDecorator,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiExtension } from '@nestjs/swagger';
import type { Logger } from '@qmt/observability';
import type { Request, Response } from 'express';
import { AuditTrail } from '../audit/audit-trail.js';
import { requestAuditEntry } from '../audit/request-audit.js';
import type { Principal, Role } from '../desk-directory.js';
import { PUBLIC_ROUTE } from '../health/public.decorator.js';
import { LOGGER } from '../logger.token.js';
import { ACCESS, type Operation } from '../security/access-policy.js';
import { Authenticator } from '../security/authenticator.js';
import { ApiError } from './api-error.js';
import { OPERATION_EXTENSION } from './openapi-document.js';
import { peerAddress } from './request-audit.interceptor.js';

const ROLES = 'qmt:roles';
const OPERATION = 'qmt:operation';

/** Roles allowed on a route; without it every authenticated principal may call. */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator =>
  SetMetadata(ROLES, roles);

/**
 * The operation a route performs; its roles come from ACCESS, shared with gRPC. The OpenAPI
 * document reads the same operation to document the roles and the 403.
 */
export const Allow = (operation: Operation): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(OPERATION, operation), ApiExtension(OPERATION_EXTENSION, operation));

type AuthedRequest = Request & { principal?: Principal };

export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal => {
    const principal = context.switchToHttp().getRequest<AuthedRequest>().principal;
    if (principal === undefined) {
      throw new ApiError(HttpStatus.UNAUTHORIZED, 'UNAUTHENTICATED', 'no principal on request');
    }
    return principal;
  },
);

/**
 * Bearer API keys from the desk config: 401 without a valid key, 429 past the key's rate, 403
 * for a role the route's operation (or @Roles) does not allow; a refused state-changing request
 * is audited here, since it never reaches the audit interceptor.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly authenticator: Authenticator,
    private readonly reflector: Reflector,
    @Inject(LOGGER) private readonly logger: Logger,
    @Optional() private readonly audit?: AuditTrail,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets) === true) {
      return true;
    }
    const request = context.switchToHttp().getRequest<AuthedRequest>();
    let principal: Principal;
    try {
      principal = this.authenticator.authenticate(request.headers.authorization);
    } catch (error) {
      const retryAfterMs = error instanceof ApiError ? error.extra?.retryAfterMs : undefined;
      if (typeof retryAfterMs === 'number') {
        const response = context.switchToHttp().getResponse<Response>();
        response.setHeader('Retry-After', String(Math.max(1, Math.ceil(retryAfterMs / 1000))));
      }
      throw error;
    }
    const operation = this.reflector.getAllAndOverride<Operation | undefined>(OPERATION, targets);
    const roles =
      operation === undefined
        ? this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets)
        : ACCESS[operation];
    if (roles !== undefined && !roles.includes(principal.role)) {
      const refusal = new ApiError(
        HttpStatus.FORBIDDEN,
        'FORBIDDEN',
        `role ${principal.role} may not call this endpoint (allowed: ${roles.join(', ')})`,
      );
      await this.auditRefusal(request, principal, refusal);
      throw refusal;
    }
    request.principal = principal;
    return true;
  }

  private async auditRefusal(request: Request, principal: Principal, refusal: ApiError) {
    if (this.audit === undefined || request.method === 'GET' || request.method === 'HEAD') {
      return;
    }
    try {
      await this.audit.record(
        requestAuditEntry({
          principal,
          transport: 'http',
          method: request.method,
          path: request.path,
          ip: peerAddress(request),
          status: refusal.getStatus(),
          code: refusal.code,
          params: request.params,
        }),
      );
    } catch (error) {
      this.logger.error({ err: error }, 'audit record of a refused request failed');
    }
  }
}
