import { Module } from '@nestjs/common';
import { TasksModule } from '@app/tasks';
import { EventsController } from './events.controller';
import { RealtimeAuth } from './realtime-auth';
import { SubscriberRegistry } from './subscriber-registry';
import { TaskEventsGateway } from './task-events.gateway';
import { TaskSubscriptions } from './task-subscriptions';
import { WsServer } from './ws.server';

@Module({
  imports: [TasksModule],
  controllers: [EventsController],
  providers: [SubscriberRegistry, RealtimeAuth, TaskSubscriptions, TaskEventsGateway, WsServer],
})
export class RealtimeModule {}
