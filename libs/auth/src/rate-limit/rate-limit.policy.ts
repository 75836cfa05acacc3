import { ExecutionContext, SetMetadata } from '@nestjs/common';
import type { ThrottlerOptions } from '@nestjs/throttler';
import type { AppConfig } from '@app/core';
import type { AuthUser } from '../auth-user';
import { RouteMetadata } from '../guards/route-metadata';

export const CREDENTIAL_ROUTE = 'auth:credential-route';

/** Marks login/register/refresh: strict limits per IP and per username instead of the principal limit. */
export const CredentialRoute = () => SetMetadata(CREDENTIAL_ROUTE, true);

/** Asked by all three throttlers of every request: read through RouteMetadata, once per route. */
const routeMetadata = new RouteMetadata();
const isCredentialRoute = (context: ExecutionContext) => routeMetadata.getAllAndOverride<boolean | undefined>(CREDENTIAL_ROUTE, [context.getHandler(), context.getClass()]) === true;
const MINUTE_MS = 60_000;
/** The limit on everything but the credential routes, per authenticated user (else per IP). */
export const PRINCIPAL = 'principal';
export const principalTracker = (userId: string) => `user:${userId}`;

type Req = { ip?: string; user?: AuthUser; body?: { username?: unknown } };

export function rateLimitPolicy(config: AppConfig): ThrottlerOptions[] {
  const strict = config.rateLimit.authPerMinute;
  return [
    {
      name: PRINCIPAL,
      ttl: MINUTE_MS,
      limit: config.rateLimit.defaultPerMinute,
      skipIf: isCredentialRoute,
      getTracker: (req: Req) => (req.user ? principalTracker(req.user.id) : `ip:${req.ip}`),
    },
    { name: 'credentials-ip', ttl: MINUTE_MS, limit: strict, skipIf: (c) => !isCredentialRoute(c), getTracker: (req: Req) => `ip:${req.ip}` },
    {
      name: 'credentials-username',
      ttl: MINUTE_MS,
      limit: strict,
      skipIf: (c) => !isCredentialRoute(c) || typeof (c.switchToHttp().getRequest<Req>().body?.username) !== 'string',
      getTracker: (req: Req) => `username:${String(req.body?.username).toLowerCase()}`,
    },
  ];
}
