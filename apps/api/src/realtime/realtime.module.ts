import { Module } from '@nestjs/common';
import { AuthModule } from '@app/auth';
import { TasksModule } from '@app/tasks';
import { EventsController } from './events.controller';
import { RealtimeAuth } from './realtime-auth';
import { SubscriberRegistry } from './subscriber-registry';
import { TaskEventsGateway } from './task-events.gateway';
import { TaskSubscriptions } from './task-subscriptions';
import { WsServer } from './ws.server';

@Module({
  imports: [AuthModule, TasksModule],
  controllers: [EventsController],
  providers: [SubscriberRegistry, RealtimeAuth, TaskSubscriptions, TaskEventsGateway, WsServer],
})
export class RealtimeModule {}
