import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { APP_CONFIG, AppConfig, AppException, Conflict, SecretBox, ValidationFailed } from '@app/core';
import { assertCanModify, type AuthUser } from '@app/auth';
import { McpToolsService } from '@app/mcp';
import { GithubClient, GithubClientFactory } from '../client/github-client.factory';
import { classifyGithubError, githubUnavailable } from '../client/github-failure';
import type { ConnectRepositoryDto } from '../dto/connect-repository.dto';
import { GithubConnectionEntity } from '../entities/github-connection.entity';
import { parseRepositoryUrl, RepositoryRef } from '../repository-url';
import { DEFAULT_MANIFEST_PATH } from '../sync/manifest';
import { createRepositoryWebhook, WebhookSetup } from './repository-webhook';
import { sealToken } from './token-seal';

const UNIQUE_VIOLATION = '23505';
export const WEBHOOK_PATH = '/api/v1/github/webhook';

interface CheckedRepository {
  fullName: string;
  branch: string;
  canAdmin: boolean;
}

/**
 * Connects a tool to a repository. Nothing is stored until GitHub has confirmed that the token
 * works and can read the repository (and the branch); then the token is sealed with the new
 * connection's id as associated data and the repository's push webhook is created if the token may.
 */
@Injectable()
export class GithubConnectService {
  constructor(
    @InjectRepository(GithubConnectionEntity) private readonly connections: Repository<GithubConnectionEntity>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tools: McpToolsService,
    private readonly clients: GithubClientFactory,
    private readonly box: SecretBox,
  ) {}

  async connect(user: AuthUser, dto: ConnectRepositoryDto): Promise<{ connection: GithubConnectionEntity; webhook: WebhookSetup }> {
    const { ref, issue } = parseRepositoryUrl(dto.repository_url, this.config.github.webUrl);
    if (!ref) throw ValidationFailed([issue!]);
    const tool = await this.tools.get(dto.tool_id);
    assertCanModify(user, tool.authorId, 'github:connect');
    if (await this.connections.existsBy({ toolId: tool.id, repositoryFullName: ref.fullName })) throw duplicate();
    const client = this.clients.forToken(dto.access_token, 'request');
    const checked = await this.check(client, ref, dto.branch);
    const id = randomUUID();
    const connection = await this.connections
      .save(
        this.connections.create({
          id,
          toolId: tool.id,
          ownerId: user.id,
          repositoryUrl: ref.url,
          repositoryFullName: checked.fullName,
          branch: checked.branch,
          manifestPath: dto.manifest_path ?? DEFAULT_MANIFEST_PATH,
          tokenCiphertext: sealToken(this.box, id, dto.access_token),
          status: 'connected',
        }),
      )
      .catch((err: { code?: string }) => {
        throw err.code === UNIQUE_VIOLATION ? duplicate() : err;
      });
    const webhookUrl = `${this.config.publicBaseUrl}${WEBHOOK_PATH}`;
    const webhook = await createRepositoryWebhook(client, { ...ref, canAdmin: checked.canAdmin }, webhookUrl, this.config.github.webhookSecret);
    if (webhook.status === 'created') {
      connection.webhookId = String(webhook.id);
      await this.connections.update(connection.id, { webhookId: connection.webhookId });
    }
    return { connection, webhook };
  }

  /** The token, the repository and the branch, as GitHub sees them; failures name the field to fix. */
  private async check(client: GithubClient, ref: RepositoryRef, branch: string | undefined): Promise<CheckedRepository> {
    let repository: { full_name: string; default_branch: string; permissions?: { admin?: boolean } };
    try {
      repository = (await client.rest.repos.get({ owner: ref.owner, repo: ref.repo })).data;
    } catch (err) {
      throw this.connectFailure(err, ref);
    }
    if (branch !== undefined) {
      await client.rest.repos.getBranch({ owner: ref.owner, repo: ref.repo, branch }).catch((err: unknown) => {
        const failure = classifyGithubError(err);
        if (failure.kind !== 'not-found') throw this.connectFailure(err, ref);
        throw ValidationFailed([{ loc: ['body', 'branch'], msg: `branch "${branch}" does not exist in ${ref.owner}/${ref.repo}`, type: 'value_error.github.branch_not_found' }]);
      });
    }
    return {
      fullName: repository.full_name.toLowerCase(),
      branch: branch ?? repository.default_branch,
      canAdmin: repository.permissions?.admin === true,
    };
  }

  private connectFailure(err: unknown, ref: RepositoryRef): AppException {
    const failure = classifyGithubError(err);
    switch (failure.kind) {
      case 'bad-credentials':
        return ValidationFailed([{ loc: ['body', 'access_token'], msg: 'GitHub rejected the access token (401 Bad credentials)', type: 'value_error.github.bad_credentials' }]);
      case 'forbidden':
        return ValidationFailed([{ loc: ['body', 'access_token'], msg: `GitHub refused the token: ${failure.message}`, type: 'value_error.github.forbidden' }]);
      case 'not-found':
        return ValidationFailed([
          {
            loc: ['body', 'repository_url'],
            msg: `repository ${ref.owner}/${ref.repo} does not exist or the token cannot read it`,
            type: 'value_error.github.repository_not_found',
          },
        ]);
      case 'rate-limited':
      case 'unreachable':
      case 'upstream':
        return githubUnavailable(failure);
    }
  }
}

function duplicate(): AppException {
  return Conflict('This tool is already connected to this repository', { field: 'repository_url' });
}
