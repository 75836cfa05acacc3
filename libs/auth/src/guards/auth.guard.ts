import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { AppException, Forbidden, IS_PUBLIC } from '@app/core';
import { AuthenticationService } from '../authentication.service';
import type { AuthUser } from '../auth-user';
import { type Credentials, credentialsOf } from '../credentials';
import { REQUIRED_PERMISSION } from '../decorators/require-permission.decorator';
import type { Permission } from '../permissions';
import { FailedAuthLimiter } from '../rate-limit/failed-auth.limiter';

/** Global: every HTTP route needs credentials unless it is @Public(); @RequirePermission is enforced here. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authentication: AuthenticationService,
    private readonly failures: FailedAuthLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = context.switchToHttp().getRequest<Request & { user?: AuthUser }>();
    req.user = await this.authenticateCounted(req.ip, credentialsOf(req.headers));
    const permission = this.reflector.getAllAndOverride<Permission | undefined>(REQUIRED_PERMISSION, targets);
    if (permission && !req.user.permissions.has(permission)) throw Forbidden(permission);
    return true;
  }

  /**
   * Only presented credentials count: a request without any is refused without a lookup anyway. The
   * failure check also reads the claimed account's revision, which lets authentication use cached rows.
   */
  private async authenticateCounted(ip: string | undefined, credentials: Credentials): Promise<AuthUser> {
    if (!credentials.bearer && !credentials.apiKey) return this.authentication.authenticate(credentials);
    const revision = await this.failures.assertNotBlocked(ip, this.authentication.subjectOf(credentials));
    try {
      return await this.authentication.authenticate(credentials, revision);
    } catch (err) {
      if (err instanceof AppException && err.status === 401) this.failures.recordFailure(ip);
      throw err;
    }
  }
}
