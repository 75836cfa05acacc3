import { ExecutionContext, SetMetadata } from '@nestjs/common';
import type { ThrottlerOptions } from '@nestjs/throttler';
import type { AppConfig } from '@app/core';
import type { AuthUser } from '../auth-user';

export const CREDENTIAL_ROUTE = 'auth:credential-route';

/** Marks login/register/refresh: strict limits per IP and per username instead of the principal limit. */
export const CredentialRoute = () => SetMetadata(CREDENTIAL_ROUTE, true);

/** Asked by all three throttlers of every request; a handler's decorators never change, so it is read once per handler. */
const credentialRoutes = new WeakMap<object, boolean>();
function isCredentialRoute(context: ExecutionContext): boolean {
  const handler = context.getHandler();
  let credential = credentialRoutes.get(handler);
  if (credential === undefined) credentialRoutes.set(handler, (credential = Reflect.getMetadata(CREDENTIAL_ROUTE, handler) === true));
  return credential;
}
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
