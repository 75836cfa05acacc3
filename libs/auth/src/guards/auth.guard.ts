import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { Forbidden, IS_PUBLIC } from '@app/core';
import { AuthenticationService } from '../authentication.service';
import type { AuthUser } from '../auth-user';
import { credentialsOf } from '../credentials';
import { REQUIRED_PERMISSION } from '../decorators/require-permission.decorator';
import type { Permission } from '../permissions';

/** Global: every HTTP route needs credentials unless it is @Public(); @RequirePermission is enforced here. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authentication: AuthenticationService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = context.switchToHttp().getRequest<Request & { user?: AuthUser }>();
    req.user = await this.authentication.authenticate(credentialsOf(req.headers));
    const permission = this.reflector.getAllAndOverride<Permission | undefined>(REQUIRED_PERMISSION, targets);
    if (permission && !req.user.permissions.has(permission)) throw Forbidden(permission);
    return true;
  }
}
