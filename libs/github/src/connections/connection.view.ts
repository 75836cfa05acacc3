import type { ConnectionDto } from '../dto/github-responses.dto';
import type { GithubConnectionEntity } from '../entities/github-connection.entity';

/** The public shape of a connection: everything but the token. */
export function toConnectionView(connection: GithubConnectionEntity): ConnectionDto {
  return {
    connection_id: connection.id,
    repository_url: connection.repositoryUrl,
    tool_id: connection.toolId,
    owner_id: connection.ownerId,
    branch: connection.branch,
    manifest_path: connection.manifestPath,
    status: connection.status,
    webhook_id: connection.webhookId === null ? null : Number(connection.webhookId),
    last_synced_sha: connection.lastSyncedSha,
    last_synced_at: connection.lastSyncedAt,
    last_sync_error: connection.lastSyncError,
    created_at: connection.createdAt,
    updated_at: connection.updatedAt,
  };
}
