import { Logger, OnModuleDestroy } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import type { Server, Socket } from 'socket.io';
import type { AuthUser } from '@app/auth';
import { RealtimeAuth } from './realtime-auth';
import { entitled, SubscriberRegistry } from './subscriber-registry';
import { TaskSubscriptions } from './task-subscriptions';
import { errorMessage } from './ws-protocol';

const taskRoom = (taskId: string) => `task:${taskId}`;
const userOf = (socket: Socket) => socket.data.user as AuthUser;

/**
 * Socket.IO on the api's HTTP server (path /socket.io). Each replica hears every bus event and
 * emits only to its local sockets, so a client on replica A receives events for work submitted
 * through replica B without an adapter fan-out delivering it twice.
 */
@WebSocketGateway({ cors: { origin: true } })
export class TaskEventsGateway implements OnGatewayInit, OnModuleDestroy {
  private readonly logger = new Logger(TaskEventsGateway.name);
  private removeDelivery?: () => void;

  @WebSocketServer()
  server: Server;

  constructor(
    private readonly auth: RealtimeAuth,
    private readonly subscriptions: TaskSubscriptions,
    private readonly registry: SubscriberRegistry,
  ) {}

  afterInit(server: Server): void {
    server.use((socket, next) => {
      this.auth
        .fromRequest(socket.request, socket.handshake.auth?.token)
        .then((user) => {
          socket.data.user = user;
          next();
        })
        .catch(() => next(Object.assign(new Error('Invalid or expired token'), { data: { error_code: 'UNAUTHORIZED' } })));
    });
    this.removeDelivery = this.registry.add((message) => {
      const event = message.event;
      if (event.type !== 'task_update') return;
      const room = server.local.in(taskRoom(event.task_id));
      void room.fetchSockets().then((sockets) => {
        for (const socket of sockets) {
          if (!entitled(socket.data.user as AuthUser, message)) continue;
          const delivered = (socket.data.delivered ??= new Map<string, number>()) as Map<string, number>;
          delivered.set(event.task_id, (delivered.get(event.task_id) ?? 0) + 1);
          socket.emit('task_update', event);
        }
      });
    });
  }

  onModuleDestroy(): void {
    this.removeDelivery?.();
  }

  /** Joins the room before reading the state, like /ws, so no event falls between the two. */
  @SubscribeMessage('subscribe')
  async subscribe(@ConnectedSocket() socket: Socket, @MessageBody() body: { task_id?: unknown }) {
    const taskId = typeof body?.task_id === 'string' ? body.task_id : '';
    const room = taskRoom(taskId);
    const joined = socket.rooms.has(room);
    await socket.join(room);
    const delivered = (socket.data.delivered ??= new Map<string, number>()) as Map<string, number>;
    const before = delivered.get(taskId) ?? 0;
    try {
      const snapshot = await this.subscriptions.snapshot(userOf(socket), taskId);
      if ((delivered.get(taskId) ?? 0) === before) socket.emit('task_update', snapshot);
      return { type: 'subscribed', task_id: taskId };
    } catch (err) {
      if (!joined) await socket.leave(room);
      this.logger.debug(`subscribe refused: ${(err as Error).message}`);
      return errorMessage(err, taskId || undefined);
    }
  }

  @SubscribeMessage('unsubscribe')
  async unsubscribe(@ConnectedSocket() socket: Socket, @MessageBody() body: { task_id?: unknown }) {
    const taskId = String(body?.task_id ?? '');
    await socket.leave(taskRoom(taskId));
    (socket.data.delivered as Map<string, number> | undefined)?.delete(taskId);
    return { type: 'unsubscribed', task_id: taskId };
  }
}
