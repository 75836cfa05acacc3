import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { AppException } from '@app/core';
import type { AuthUser } from '@app/auth';
import { RealtimeAuth } from './realtime-auth';
import { entitled, SubscriberRegistry } from './subscriber-registry';
import { TaskSubscriptions } from './task-subscriptions';
import { ClientMessage, errorMessage, parseClientMessage, ServerMessage } from './ws-protocol';

export const WS_PATH = '/ws';
const CLOSE_UNAUTHORIZED = 4401;
const HEARTBEAT_MS = 30_000;
const MAX_MESSAGE_BYTES = 16 * 1024;
const MAX_SUBSCRIPTIONS = 500;

interface Connection {
  user: AuthUser;
  /** Subscribed task ids, with how many live events each received (see `subscribe`). */
  tasks: Map<string, number>;
  alive: boolean;
}

/** The plain WebSocket endpoint of the contract's JavaScript and Python examples. */
@Injectable()
export class WsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WsServer.name);
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  private readonly connections = new Map<WebSocket, Connection>();
  private heartbeat?: NodeJS.Timeout;
  private removeDelivery?: () => void;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly auth: RealtimeAuth,
    private readonly subscriptions: TaskSubscriptions,
    private readonly registry: SubscriberRegistry,
  ) {}

  onApplicationBootstrap(): void {
    const server = this.adapterHost.httpAdapter.getHttpServer() as Server;
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      if (new URL(req.url ?? '/', 'http://localhost').pathname !== WS_PATH) return;
      this.wss.handleUpgrade(req, socket, head, (ws) => void this.accept(ws, req));
    });
    this.removeDelivery = this.registry.add((message) => {
      if (message.event.type !== 'task_update') return;
      for (const [ws, connection] of this.connections) {
        const delivered = connection.tasks.get(message.event.task_id);
        if (delivered === undefined || !entitled(connection.user, message)) continue;
        connection.tasks.set(message.event.task_id, delivered + 1);
        this.send(ws, message.event);
      }
    });
    this.heartbeat = setInterval(() => this.pingAll(), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.heartbeat);
    this.removeDelivery?.();
    for (const ws of this.connections.keys()) ws.close(1001, 'Server shutting down');
    this.wss.close();
  }

  /**
   * Handlers are attached before authentication finishes: a client may send `subscribe` right after
   * `open` (the contract's examples do), and those messages must wait for the user, not be lost.
   */
  private async accept(ws: WebSocket, req: IncomingMessage): Promise<void> {
    const authenticated = this.auth.fromRequest(req).catch(() => undefined);
    ws.on('error', (err) => this.logger.debug(`ws error: ${err.message}`));
    ws.on('message', (data, isBinary) => {
      void authenticated.then((user) => {
        const connection = user && this.connections.get(ws);
        if (connection) void this.handle(ws, connection, isBinary ? '' : data.toString());
      });
    });
    const user = await authenticated;
    if (!user) {
      ws.close(CLOSE_UNAUTHORIZED, 'Invalid or expired token');
      return;
    }
    const connection: Connection = { user, tasks: new Map(), alive: true };
    this.connections.set(ws, connection);
    ws.on('pong', () => (connection.alive = true));
    ws.on('close', () => this.connections.delete(ws));
  }

  private async handle(ws: WebSocket, connection: Connection, raw: string): Promise<void> {
    let message: ClientMessage;
    try {
      message = parseClientMessage(raw);
    } catch (err) {
      this.send(ws, errorMessage(err));
      return;
    }
    if (message.type === 'ping') return this.send(ws, { type: 'pong' });
    if (message.type === 'unsubscribe') {
      connection.tasks.delete(message.task_id);
      return this.send(ws, { type: 'unsubscribed', task_id: message.task_id });
    }
    if (connection.tasks.size >= MAX_SUBSCRIPTIONS) {
      const tooMany = new AppException(429, 'RATE_LIMIT_EXCEEDED', `At most ${MAX_SUBSCRIPTIONS} subscriptions per connection`);
      return this.send(ws, errorMessage(tooMany, message.task_id));
    }
    // Listen before reading the current state, so an event published during the read is not lost;
    // the snapshot is sent only if no newer live event overtook it.
    const known = connection.tasks.has(message.task_id);
    if (!known) connection.tasks.set(message.task_id, 0);
    try {
      const snapshot = await this.subscriptions.snapshot(connection.user, message.task_id);
      this.send(ws, { type: 'subscribed', task_id: message.task_id });
      if (!connection.tasks.get(message.task_id)) this.send(ws, snapshot);
    } catch (err) {
      if (!known) connection.tasks.delete(message.task_id);
      this.send(ws, errorMessage(err, message.task_id));
    }
  }

  private send(ws: WebSocket, message: ServerMessage): void {
    if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(message));
  }

  private pingAll(): void {
    for (const [ws, connection] of this.connections) {
      if (!connection.alive) {
        ws.terminate();
        continue;
      }
      connection.alive = false;
      ws.ping();
    }
  }
}
