import { ConnectedSocket, MessageBody, OnGatewayInit, SubscribeMessage, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Server, Socket } from 'socket.io';
import { AppException, Subject, subjectFields } from '@app/core';
import { OriginPolicy } from './origin-policy';
import { realtimeCredentials } from './realtime-credentials';
import type { RealtimeSession, Transport } from './realtime-session';
import { SubscriptionsService } from './subscriptions.service';
import { errorMessage, parseSubject } from './ws-protocol';

const sessionOf = (socket: Socket) => socket.data.session as RealtimeSession;

/**
 * Socket.IO on the api's HTTP server (path /socket.io): `subscribe`/`unsubscribe` with `{task_id}`
 * or `{deployment_id}`, events emitted under their type (`task_update`, `deployment_status`).
 * No Socket.IO adapter: every replica hears every bus event and emits to its own sockets only.
 */
@WebSocketGateway()
export class SocketIoGateway implements OnGatewayInit {
  @WebSocketServer()
  server: Server;

  constructor(
    private readonly subscriptions: SubscriptionsService,
    private readonly origins: OriginPolicy,
  ) {}

  afterInit(server: Server): void {
    // The handshake of either transport is refused for a foreign Origin; CORS headers go only to allowed ones.
    server.engine.opts.allowRequest = (req, callback) => callback('Origin not allowed', this.origins.allows(req.headers));
    server.engine.use((req: IncomingMessage, res: ServerResponse, next: () => void) => this.cors(req, res, next));
    server.use((socket, next) => {
      const transport: Transport = {
        kind: 'socket.io',
        send: (event) => socket.emit(event.type, event),
        end: () => socket.disconnect(true),
      };
      this.subscriptions.open(realtimeCredentials(socket.request, socket.handshake.auth?.token), transport).then(
        (session) => {
          socket.data.session = session;
          // The engine connection, not the socket: it also closes when the client left during authentication.
          socket.conn.once('close', () => this.subscriptions.close(session));
          if (socket.conn.readyState !== 'open') this.subscriptions.close(session);
          next();
        },
        (err: unknown) => {
          const known = err instanceof AppException ? err : new AppException(401, 'UNAUTHORIZED', 'Invalid or expired token');
          next(Object.assign(new Error(known.message), { data: { error_code: known.errorCode } }));
        },
      );
    });
  }

  /** Snapshot first, then the acknowledgement, as a client awaiting the ack has then seen the state. */
  @SubscribeMessage('subscribe')
  async subscribe(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown) {
    let subject: Subject | undefined;
    try {
      subject = parseSubject(body);
      const snapshot = await this.subscriptions.subscribe(sessionOf(socket), subject);
      if (snapshot) socket.emit(snapshot.type, snapshot);
      return { type: 'subscribed', ...subjectFields(subject) };
    } catch (err) {
      return errorMessage(err, subject);
    }
  }

  @SubscribeMessage('unsubscribe')
  unsubscribe(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown) {
    try {
      const subject = parseSubject(body);
      this.subscriptions.unsubscribe(sessionOf(socket), subject);
      return { type: 'unsubscribed', ...subjectFields(subject) };
    } catch (err) {
      return errorMessage(err);
    }
  }

  private cors(req: IncomingMessage, res: ServerResponse, next: () => void): void {
    const origin = req.headers.origin;
    const allowed = origin !== undefined && this.origins.allows(req.headers);
    if (allowed) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Allow-Credentials', 'true');
      res.setHeader('Vary', 'Origin');
    }
    if (req.method !== 'OPTIONS') return next();
    if (allowed) {
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST');
      res.setHeader('Access-Control-Allow-Headers', req.headers['access-control-request-headers'] ?? '');
    }
    res.writeHead(allowed ? 204 : 403).end();
  }
}
