import type { IncomingMessage } from 'node:http';
import { credentialsOf, type Credentials } from '@app/auth';

/**
 * Credentials of a realtime connection: the headers, as for HTTP, plus the token browsers can only
 * put in the URL (`?token=`, WebSocket and EventSource cannot set headers) or in the Socket.IO
 * handshake's `auth.token`. Logs never carry query strings.
 */
export function realtimeCredentials(req: IncomingMessage, handshakeToken?: unknown): Credentials {
  const queryToken = new URL(req.url ?? '/', 'http://localhost').searchParams.get('token');
  return credentialsOf(req.headers, (typeof handshakeToken === 'string' && handshakeToken) || queryToken || undefined);
}
