import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { AppException, subjectFields } from '@app/core';
import { OriginPolicy } from './origin-policy';
import { realtimeCredentials } from './realtime-credentials';
import type { RealtimeSession, Transport } from './realtime-session';
import { SubscriptionsService } from './subscriptions.service';
import { errorMessage, parseClientMessage, ServerMessage } from './ws-protocol';

export const WS_PATH = '/ws';
/** Close codes: 4000 + the HTTP status a REST client would have received. */
const CLOSE_UNAUTHORIZED = 4401;
const CLOSE_TOO_MANY_CONNECTIONS = 4429;
const HEARTBEAT_MS = 30_000;
const MAX_MESSAGE_BYTES = 16 * 1024;

/** The plain WebSocket endpoint of the contract's JavaScript and Python examples. */
@Injectable()
export class WsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WsServer.name);
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  /** Open sockets and whether each answered the last ping. */
  private readonly alive = new Map<WebSocket, boolean>();
  private heartbeat?: NodeJS.Timeout;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly subscriptions: SubscriptionsService,
    private readonly origins: OriginPolicy,
  ) {}

  onApplicationBootstrap(): void {
    const server = this.adapterHost.httpAdapter.getHttpServer() as Server;
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      if (new URL(req.url ?? '/', 'http://localhost').pathname !== WS_PATH) return;
      if (!this.origins.allows(req.headers)) return refuseUpgrade(socket, 403, 'FORBIDDEN', 'Origin not allowed');
      this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, req));
    });
    this.heartbeat = setInterval(() => this.pingAll(), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.heartbeat);
    for (const ws of this.alive.keys()) ws.close(1001, 'Server shutting down');
    this.wss.close();
  }

  /**
   * Handlers are attached before authentication finishes: a client may send `subscribe` right after
   * `open` (the contract's examples do), and those messages must wait for the session, not be lost.
   */
  private accept(ws: WebSocket, req: IncomingMessage): void {
    const transport: Transport = {
      kind: 'ws',
      send: (event) => send(ws, event),
      end: (reason) => ws.close(reason === 'unauthorized' ? CLOSE_UNAUTHORIZED : 1001, reason === 'unauthorized' ? 'Credentials expired or revoked' : 'Server shutting down'),
    };
    const opened = this.subscriptions.open(realtimeCredentials(req), transport).then(
      (session) => session,
      (err: unknown) => {
        const tooMany = err instanceof AppException && err.status === 429;
        ws.close(tooMany ? CLOSE_TOO_MANY_CONNECTIONS : CLOSE_UNAUTHORIZED, tooMany ? err.message : 'Invalid or expired token');
        return undefined;
      },
    );
    this.alive.set(ws, true);
    ws.on('pong', () => this.alive.set(ws, true));
    ws.on('error', (err) => this.logger.debug(`ws error: ${err.message}`));
    ws.on('message', (data, isBinary) => void opened.then((session) => session && this.handle(ws, session, isBinary ? '' : data.toString())));
    ws.on('close', () => {
      this.alive.delete(ws);
      void opened.then((session) => session && this.subscriptions.close(session));
    });
  }

  private async handle(ws: WebSocket, session: RealtimeSession, raw: string): Promise<void> {
    let message;
    try {
      message = parseClientMessage(raw);
    } catch (err) {
      return send(ws, errorMessage(err));
    }
    if (message.type === 'ping') return send(ws, { type: 'pong' });
    const fields = subjectFields(message.subject);
    if (message.type === 'unsubscribe') {
      this.subscriptions.unsubscribe(session, message.subject);
      return send(ws, { type: 'unsubscribed', ...fields });
    }
    try {
      const snapshot = await this.subscriptions.subscribe(session, message.subject);
      send(ws, { type: 'subscribed', ...fields });
      if (snapshot) send(ws, snapshot);
    } catch (err) {
      send(ws, errorMessage(err, message.subject));
    }
  }

  private pingAll(): void {
    for (const [ws, alive] of this.alive) {
      if (!alive) {
        ws.terminate();
        continue;
      }
      this.alive.set(ws, false);
      ws.ping();
    }
  }
}

function send(ws: WebSocket, message: ServerMessage): void {
  if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(message));
}

/** Answers a refused handshake in the contract's error shape before any WebSocket exists. */
function refuseUpgrade(socket: Duplex, status: number, errorCode: string, detail: string): void {
  const body = JSON.stringify({ detail, error_code: errorCode });
  socket.end(
    `HTTP/1.1 ${status} ${status === 403 ? 'Forbidden' : 'Error'}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}
