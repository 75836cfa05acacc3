import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { McpModule } from '@app/mcp';
import { TasksModule } from '@app/tasks';
import { GithubClientFactory } from './client/github-client.factory';
import { GithubConnectService } from './connections/github-connect.service';
import { GithubConnectionsService } from './connections/github-connections.service';
import { GithubConnectionEntity } from './entities/github-connection.entity';
import { GithubWebhookDeliveryEntity } from './entities/github-webhook-delivery.entity';
import { GithubSyncService } from './sync/github-sync.service';
import { GithubWebhookService } from './webhook/github-webhook.service';

/** Repository connections, webhook deliveries and syncs; the api uses the first two, the worker syncs. */
@Module({
  imports: [TypeOrmModule.forFeature([GithubConnectionEntity, GithubWebhookDeliveryEntity]), McpModule, TasksModule],
  providers: [GithubClientFactory, GithubConnectService, GithubConnectionsService, GithubWebhookService, GithubSyncService],
  exports: [GithubConnectService, GithubConnectionsService, GithubWebhookService, GithubSyncService],
})
export class GithubModule {}
