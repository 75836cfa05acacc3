import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { AppException, Forbidden, IS_PUBLIC } from '@app/core';
import { AuthenticationService } from '../authentication.service';
import type { AuthUser } from '../auth-user';
import { type Credentials, credentialsOf } from '../credentials';
import { REQUIRED_PERMISSION } from '../decorators/require-permission.decorator';
import { type Permission, ROLE_PERMISSIONS } from '../permissions';
import type { ExpectedPrincipal } from '../principals/cached-principals';
import { FailedAuthLimiter, type PrincipalCount } from '../rate-limit/failed-auth.limiter';
import { RateLimitGuard } from '../rate-limit/rate-limit.guard';
import { RouteMetadata } from './route-metadata';

/** Global: every HTTP route needs credentials unless it is @Public(); @RequirePermission is enforced here. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: RouteMetadata,
    private readonly authentication: AuthenticationService,
    private readonly failures: FailedAuthLimiter,
    private readonly rateLimit: RateLimitGuard,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = context.switchToHttp().getRequest<Request & { user?: AuthUser }>();
    const permission = this.reflector.getAllAndOverride<Permission | undefined>(REQUIRED_PERMISSION, targets);
    req.user = await this.authenticateCounted(context, req, credentialsOf(req.headers), permission);
    if (permission && !req.user.permissions.has(permission)) throw Forbidden(permission);
    return true;
  }

  /**
   * Only presented credentials count: a request without any is refused without a lookup anyway. The
   * failure check also reads the claimed account's revision, which lets authentication use cached rows.
   */
  private async authenticateCounted(context: ExecutionContext, req: Request, credentials: Credentials, permission: Permission | undefined): Promise<AuthUser> {
    if (!credentials.bearer && !credentials.apiKey) return this.authentication.authenticate(credentials);
    const expected = this.authentication.expected(credentials);
    const count = expected && this.principalCount(context, expected, permission);
    const subject = expected?.userId ?? this.authentication.subjectOf(credentials);
    const { revision, counted } = await this.failures.assertNotBlocked(req.ip, subject, count);
    try {
      const user = await this.authentication.authenticate(credentials, revision);
      if (counted) this.rateLimit.countedInAuthentication(req, counted);
      return user;
    } catch (err) {
      if (err instanceof AppException && err.status === 401) this.failures.recordFailure(req.ip);
      throw err;
    }
  }

  /**
   * The rate limiter's count, for the failure check to take in its round trip (if the account is
   * unchanged since its rows were cached), when the request will pass authentication and the
   * permission check: its credentials were verified before and its principal is cached. Never for an
   * unverified subject, else anyone could use up another user's rate limit.
   */
  private principalCount(context: ExecutionContext, expected: ExpectedPrincipal, permission: Permission | undefined): PrincipalCount | undefined {
    if (permission && !ROLE_PERMISSIONS[expected.role].has(permission)) return undefined;
    const window = this.rateLimit.principalWindow(context, expected.userId);
    return window && { ...window, ifRevision: expected.revision };
  }
}
