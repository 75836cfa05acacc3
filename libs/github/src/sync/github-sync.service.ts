import { isDeepStrictEqual } from 'node:util';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import gt from 'semver/functions/gt';
import { Repository } from 'typeorm';
import { AppException, Conflict, NotFound, SecretBox, systemActor } from '@app/core';
import { assertValidConfig, McpToolEntity, McpToolsService } from '@app/mcp';
import { failureSummary, type ReportProgress } from '@app/tasks';
import { GithubClientFactory } from '../client/github-client.factory';
import { openToken, sealToken } from '../connections/token-seal';
import { GithubConnectionEntity } from '../entities/github-connection.entity';
import { ManifestTool, readManifest } from './manifest';
import { ManifestFile, readManifestFile } from './repository-reader';

/** How sync versions name who made them: the connection's owner, through the platform's sync. */
export const SYNC_ACTOR = 'github-sync';

export interface SyncResult {
  outcome: 'updated' | 'up_to_date';
  message: string;
  connection_id: string;
  tool_id: string;
  version: string;
  commit_sha: string;
  manifest_path: string;
}

/**
 * The worker side of a sync: reads the manifest at the branch head and writes it as a new version
 * of the tool (change_type `sync`, on behalf of the connection's owner, with the commit sha). The
 * connection's owner was authorized when the connection was made; the sync acts for them. The
 * same blob, or content equal to the tool's current state, is a no-op, so a job that runs twice
 * (or every push, whatever it touched) changes nothing the second time.
 */
@Injectable()
export class GithubSyncService {
  constructor(
    @InjectRepository(GithubConnectionEntity) private readonly connections: Repository<GithubConnectionEntity>,
    private readonly tools: McpToolsService,
    private readonly clients: GithubClientFactory,
    private readonly box: SecretBox,
  ) {}

  async sync(connectionId: string, report: ReportProgress): Promise<SyncResult> {
    const connection = await this.connections.findOneBy({ id: connectionId });
    if (!connection) throw NotFound('connection', connectionId);
    try {
      return await this.run(connection, report);
    } catch (err) {
      const final = err instanceof AppException && err.status < 500;
      await this.connections.update(connection.id, { lastSyncError: failureSummary(err as Error).slice(0, 2000), ...(final ? { status: 'error' } : {}) });
      throw err;
    }
  }

  private async run(connection: GithubConnectionEntity, report: ReportProgress): Promise<SyncResult> {
    const client = this.clients.forToken(await this.tokenOf(connection), 'sync');
    const [owner, repo] = connection.repositoryFullName.split('/');
    const path = connection.manifestPath;
    await report(10, `Reading ${path} at the head of ${connection.branch}`);
    const file = await readManifestFile(client, { owner, repo, branch: connection.branch, path });
    const result = (outcome: SyncResult['outcome'], version: string, message: string): SyncResult => ({
      outcome,
      message,
      connection_id: connection.id,
      tool_id: connection.toolId,
      version,
      commit_sha: file.commitSha,
      manifest_path: path,
    });
    if (file.blobSha === connection.lastSyncedBlobSha) {
      const tool = await this.tools.get(connection.toolId);
      await this.markSynced(connection.id, file);
      return result('up_to_date', tool.version, 'Already up to date');
    }
    const manifest = await readManifest(file.text, path, (await this.tools.get(connection.toolId)).slug);
    assertValidConfig(manifest.config);
    const tool = await this.tools.get(connection.toolId);
    // Secret fields are stored sealed: compare the manifest with the config as it was written.
    if (sameContent(tool, await this.tools.configWithSecrets(tool.id), manifest)) {
      await this.markSynced(connection.id, file);
      return result('up_to_date', tool.version, 'Already up to date');
    }
    if (!gt(manifest.version, tool.version)) {
      throw Conflict(
        `The manifest's version ${manifest.version} must be greater than the tool's current version ${tool.version}: bump "version" in ${path}`,
        { current_version: tool.version, proposed_version: manifest.version },
      );
    }
    await report(60, `Writing version ${manifest.version}`);
    // The registry's own write: row lock, version rule, history entry (here with the commit).
    const actor = systemActor(SYNC_ACTOR, connection.ownerId);
    const saved = await this.tools.update(actor, tool.id, manifest, { changeType: 'sync', commitSha: file.commitSha });
    // A crash before this line is harmless: the next sync finds the content equal and records it then.
    await this.markSynced(connection.id, file);
    return result('updated', saved.version, `Tool updated to version ${saved.version}`);
  }

  /** Opens the token; one sealed under a previous key is re-sealed under the current one. */
  private async tokenOf(connection: GithubConnectionEntity): Promise<string> {
    const token = openToken(this.box, connection);
    if (!this.box.isCurrent(connection.tokenCiphertext)) {
      await this.connections.update(connection.id, { tokenCiphertext: sealToken(this.box, connection.id, token) });
    }
    return token;
  }

  private async markSynced(id: string, file: ManifestFile): Promise<void> {
    await this.connections.update(id, {
      lastSyncedSha: file.commitSha,
      lastSyncedBlobSha: file.blobSha,
      lastSyncedAt: new Date(),
      lastSyncError: null,
      status: 'connected',
    });
  }
}

function sameContent(tool: McpToolEntity, config: Record<string, unknown>, manifest: ManifestTool): boolean {
  return (
    tool.name === manifest.name &&
    (manifest.description === undefined || tool.description === manifest.description) &&
    tool.version === manifest.version &&
    isDeepStrictEqual(config, manifest.config)
  );
}
