import { Module } from '@nestjs/common';
import { GithubModule } from '@app/github';
import { GithubWebhookController } from './github-webhook.controller';
import { GithubController } from './github.controller';

@Module({ imports: [GithubModule], controllers: [GithubController, GithubWebhookController] })
export class GithubApiModule {}
