import {
  HttpStatus,
  Injectable,
  SetMetadata,
  createParamDecorator,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DeskDirectory, type Principal, type Role } from '../desk-directory.js';
import { PUBLIC_ROUTE } from '../health/public.decorator.js';
import type { Request } from 'express';
import { ApiError } from './api-error.js';

const ROLES = 'qmt:roles';

/** Roles allowed on a route; without it every authenticated principal may call. */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator =>
  SetMetadata(ROLES, roles);

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

/** Bearer API keys from the desk config: 401 without a valid key, 403 for a role not allowed. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly desk: DeskDirectory,
    private readonly reflector: Reflector,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets) === true) {
      return true;
    }
    const request = context.switchToHttp().getRequest<AuthedRequest>();
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (match?.[1] === undefined) {
      throw new ApiError(
        HttpStatus.UNAUTHORIZED,
        'UNAUTHENTICATED',
        'missing Authorization: Bearer <api key>',
      );
    }
    const principal = this.desk.principalForKey(match[1]);
    if (principal === undefined) {
      throw new ApiError(HttpStatus.UNAUTHORIZED, 'UNAUTHENTICATED', 'unknown API key');
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (roles !== undefined && !roles.includes(principal.role)) {
      throw new ApiError(
        HttpStatus.FORBIDDEN,
        'FORBIDDEN',
        `role ${principal.role} may not call this endpoint (allowed: ${roles.join(', ')})`,
      );
    }
    request.principal = principal;
    return true;
  }
}
