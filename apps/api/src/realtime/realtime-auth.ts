import { Injectable } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { Unauthorized } from '@app/core';
import { AuthenticationService, type AuthUser } from '@app/auth';

/**
 * Browsers cannot set headers on WebSocket or EventSource requests, so realtime transports also
 * accept the access token as `?token=`; a header or API key works too. Logs never carry query strings.
 */
@Injectable()
export class RealtimeAuth {
  constructor(private readonly auth: AuthenticationService) {}

  async fromRequest(req: IncomingMessage, explicitToken?: unknown): Promise<AuthUser> {
    const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
    const header = req.headers.authorization;
    const bearer =
      (typeof explicitToken === 'string' && explicitToken) ||
      query.get('token') ||
      (header?.startsWith('Bearer ') ? header.slice(7) : undefined);
    const apiKey = req.headers['x-api-key'];
    if (!bearer && typeof apiKey !== 'string') throw Unauthorized('Missing credentials');
    return this.auth.authenticate({ bearer: bearer || undefined, apiKey: typeof apiKey === 'string' ? apiKey : undefined });
  }
}
