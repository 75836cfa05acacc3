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
      if (message.event.type !== 'task_update') return;
      const room = server.local.in(taskRoom(message.event.task_id));
      void room.fetchSockets().then((sockets) => {
        for (const socket of sockets) {
          if (entitled(socket.data.user as AuthUser, message)) socket.emit('task_update', message.event);
        }
      });
    });
  }

  onModuleDestroy(): void {
    this.removeDelivery?.();
  }

  @SubscribeMessage('subscribe')
  async subscribe(@ConnectedSocket() socket: Socket, @MessageBody() body: { task_id?: unknown }) {
    try {
      const snapshot = await this.subscriptions.snapshot(userOf(socket), body?.task_id);
      await socket.join(taskRoom(snapshot.task_id));
      socket.emit('task_update', snapshot);
      return { type: 'subscribed', task_id: snapshot.task_id };
    } catch (err) {
      this.logger.debug(`subscribe refused: ${(err as Error).message}`);
      return errorMessage(err, typeof body?.task_id === 'string' ? body.task_id : undefined);
    }
  }

  @SubscribeMessage('unsubscribe')
  async unsubscribe(@ConnectedSocket() socket: Socket, @MessageBody() body: { task_id?: unknown }) {
    const taskId = String(body?.task_id ?? '');
    await socket.leave(taskRoom(taskId));
    return { type: 'unsubscribed', task_id: taskId };
  }
}
