import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { APP_CONFIG, AppConfig, InvalidRequest, Unauthorized } from '@app/core';
import { TaskService } from '@app/tasks';
import { GithubConnectionEntity } from '../entities/github-connection.entity';
import { GithubWebhookDeliveryEntity } from '../entities/github-webhook-delivery.entity';
import { parseDeliveryBody, trackedPush } from './push-event';
import { verifyWebhookSignature } from './webhook-signature';
import { syncCoalesceKey } from '../sync/sync-coalesce-key';

export interface WebhookHeaders {
  event?: string;
  delivery?: string;
  signature?: string;
  contentType?: string;
}

export interface WebhookAnswer {
  status: 200 | 202;
  body: { message: string; event_type: string; delivery_id: string; task_ids?: string[] };
}

/**
 * GitHub's deliveries: verified over the raw bytes before anything else, answered at once. A push
 * to a tracked branch queues one sync per connection of the repository (or joins the one still
 * waiting, and never counts against the owner's task limit); a repeated delivery id
 * (Redeliver, GitHub's retries) is answered from the first one without queueing again.
 */
@Injectable()
export class GithubWebhookService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectRepository(GithubConnectionEntity) private readonly connections: Repository<GithubConnectionEntity>,
    @InjectRepository(GithubWebhookDeliveryEntity) private readonly deliveries: Repository<GithubWebhookDeliveryEntity>,
    private readonly tasks: TaskService,
  ) {}

  async receive(headers: WebhookHeaders, body: Buffer): Promise<WebhookAnswer> {
    const secret = this.config.github.webhookSecret;
    // Without GITHUB_WEBHOOK_SECRET no delivery can prove where it came from: all are refused alike.
    if (!secret || !(await verifyWebhookSignature(secret, body, headers.signature))) {
      throw Unauthorized('Missing or invalid webhook signature (X-Hub-Signature-256)');
    }
    const event = headers.event;
    const delivery = headers.delivery;
    if (!event || !delivery || delivery.length > 100) throw InvalidRequest('X-GitHub-Event and X-GitHub-Delivery headers are required');
    if (event === 'ping') return { status: 200, body: { message: 'pong', event_type: event, delivery_id: delivery } };
    const push = event === 'push' ? trackedPush(parseDeliveryBody(body, headers.contentType)) : undefined;
    if (!push) return ignored(event, delivery, 'Event ignored: only pushes to a branch are processed');
    return this.queueSyncs(event, delivery, push);
  }

  private async queueSyncs(event: string, delivery: string, push: { fullName: string; branch: string }): Promise<WebhookAnswer> {
    const inserted = await this.deliveries
      .createQueryBuilder()
      .insert()
      .values({ deliveryId: delivery, event, repositoryFullName: push.fullName })
      .orIgnore()
      .returning(['delivery_id'])
      .execute();
    if (inserted.raw.length === 0) {
      const first = await this.deliveries.findOneBy({ deliveryId: delivery });
      return { status: 202, body: { message: 'Delivery already processed', event_type: event, delivery_id: delivery, task_ids: first?.taskIds ?? [] } };
    }
    const connections = await this.connections.find({ where: { repositoryFullName: push.fullName, branch: push.branch }, order: { createdAt: 'ASC' } });
    if (connections.length === 0) return ignored(event, delivery, 'Push ignored: no connection tracks this repository and branch');
    const taskIds: string[] = [];
    try {
      for (const connection of connections) {
        // A sync reads the branch head when it starts, so one still waiting covers this push too.
        const task = await this.tasks.submit(
          'github.sync',
          { id: connection.ownerId },
          { connection_id: connection.id, delivery_id: delivery },
          { system: true, coalesceKey: syncCoalesceKey(connection.id, connection.ownerId) },
        );
        taskIds.push(task.id);
      }
    } catch (err) {
      // Forget the delivery so that GitHub's retry of it is processed, not dropped as a duplicate.
      await this.deliveries.delete({ deliveryId: delivery });
      throw err;
    }
    await this.deliveries.update({ deliveryId: delivery }, { taskIds });
    return { status: 202, body: { message: 'Webhook received and queued for processing', event_type: event, delivery_id: delivery, task_ids: taskIds } };
  }
}

function ignored(event: string, delivery: string, message: string): WebhookAnswer {
  return { status: 202, body: { message, event_type: event, delivery_id: delivery, task_ids: [] } };
}
