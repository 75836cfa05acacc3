import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { isUuid, NotFound, Page, PageQueryDto, pageOffset, SecretBox, toPage } from '@app/core';
import { assertCanModify, canSee, type AuthUser } from '@app/auth';
import { TaskAcceptedDto, TaskService } from '@app/tasks';
import { GithubClientFactory } from '../client/github-client.factory';
import type { ConnectionDto, DisconnectedDto } from '../dto/github-responses.dto';
import { GithubConnectionEntity } from '../entities/github-connection.entity';
import { toConnectionView } from './connection.view';
import { deleteRepositoryWebhook } from './repository-webhook';
import { syncCoalesceKey } from '../sync/sync-coalesce-key';
import { openToken } from './token-seal';

/** Reading, syncing and removing connections; to anyone but the owner and admins a connection does not exist. */
@Injectable()
export class GithubConnectionsService {
  private readonly logger = new Logger(GithubConnectionsService.name);

  constructor(
    @InjectRepository(GithubConnectionEntity) private readonly connections: Repository<GithubConnectionEntity>,
    private readonly tasks: TaskService,
    private readonly clients: GithubClientFactory,
    private readonly box: SecretBox,
  ) {}

  async findVisible(id: string, user: AuthUser): Promise<GithubConnectionEntity> {
    const connection = isUuid(id) ? await this.connections.findOneBy({ id }) : null;
    if (!connection || !canSee(user, connection.ownerId)) throw NotFound('connection', id);
    return connection;
  }

  async get(id: string, user: AuthUser): Promise<ConnectionDto> {
    return toConnectionView(await this.findVisible(id, user));
  }

  /** The caller's connections, newest first; an admin sees everyone's. */
  async list(user: AuthUser, query: PageQueryDto): Promise<Page<ConnectionDto>> {
    const [rows, total] = await this.connections.findAndCount({
      where: user.role === 'admin' ? {} : { ownerId: user.id },
      order: { createdAt: 'DESC', id: 'DESC' },
      skip: pageOffset(query),
      take: query.page_size,
    });
    return toPage(rows.map(toConnectionView), total, query);
  }

  async requestSync(id: string, user: AuthUser): Promise<TaskAcceptedDto> {
    const connection = await this.findVisible(id, user);
    // Asking again before the last request started returns that one: it will read the same head.
    const task = await this.tasks.submit('github.sync', user, { connection_id: connection.id }, { coalesceKey: syncCoalesceKey(connection.id, user.id) });
    return { task_id: task.id, status: 'pending', message: 'Repository sync queued for processing' };
  }

  /** Deletes the row (and with it the sealed token), then the webhook this connection created. */
  async disconnect(id: string, user: AuthUser): Promise<DisconnectedDto> {
    const connection = await this.findVisible(id, user);
    assertCanModify(user, connection.ownerId, 'github:connect');
    const token = connection.webhookId ? openToken(this.box, connection) : undefined;
    await this.connections.delete({ id: connection.id });
    if (token && connection.webhookId) {
      const [owner, repo] = connection.repositoryFullName.split('/');
      const deleted = await deleteRepositoryWebhook(this.clients.forToken(token, 'request'), owner, repo, Number(connection.webhookId));
      if (!deleted) this.logger.warn({ connection_id: connection.id, msg: 'repository webhook could not be deleted; GitHub deliveries to it will be ignored' });
    }
    return { message: 'Repository disconnected successfully', connection_id: connection.id };
  }
}
