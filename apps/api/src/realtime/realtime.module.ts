import { Module } from '@nestjs/common';
import { AuthModule } from '@app/auth';
import { APP_CONFIG, ASYNCAPI_DOCUMENT, type AppConfig } from '@app/core';
import { DeploymentsModule } from '@app/deployments';
import { TasksModule } from '@app/tasks';
import { buildAsyncApiDocument } from './asyncapi';
import { ConnectionLimit } from './connection-limit';
import { DeploymentTopicProvider } from './deployment-topic.provider';
import { EventsController } from './events.controller';
import { OriginPolicy } from './origin-policy';
import { SocketIoGateway } from './socket-io.gateway';
import { SubscriptionsService } from './subscriptions.service';
import { TaskTopicProvider } from './task-topic.provider';
import { TOPIC_PROVIDERS, type TopicProvider } from './topic-provider';
import { WsServer } from './ws.server';

/** A topic's snapshot and entitlement on subscribe: add its provider here (and its module to `imports`). */
const topicProviders = [TaskTopicProvider, DeploymentTopicProvider];

@Module({
  imports: [AuthModule, TasksModule, DeploymentsModule],
  controllers: [EventsController],
  providers: [
    ...topicProviders,
    { provide: TOPIC_PROVIDERS, inject: topicProviders, useFactory: (...providers: TopicProvider[]) => providers },
    ConnectionLimit,
    OriginPolicy,
    SubscriptionsService,
    SocketIoGateway,
    WsServer,
    {
      provide: ASYNCAPI_DOCUMENT,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => buildAsyncApiDocument(process.env.npm_package_version ?? '0.1.0', config.publicBaseUrl),
    },
  ],
})
export class RealtimeModule {}
