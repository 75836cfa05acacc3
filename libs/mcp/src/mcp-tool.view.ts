import type { McpToolDetailDto, McpToolSummaryDto, McpToolVersionDto } from './dto/mcp-tool-responses.dto';
import type { McpToolEntity } from './entities/mcp-tool.entity';
import type { McpToolVersionEntity } from './entities/mcp-tool-version.entity';
import { maskSecrets } from './secrets/secret-fields';

export function toToolSummary(tool: McpToolEntity): McpToolSummaryDto {
  return {
    id: tool.id,
    name: tool.name,
    slug: tool.slug,
    description: tool.description,
    version: tool.version,
    author_id: tool.authorId,
    status: tool.status,
    created_at: tool.createdAt,
    updated_at: tool.updatedAt,
  };
}

export function toToolDetail(tool: McpToolEntity): McpToolDetailDto {
  const { created_at, updated_at, ...rest } = toToolSummary(tool);
  return { ...rest, config: maskSecrets(tool.config), created_at, updated_at };
}

export function toVersionView(row: McpToolVersionEntity): McpToolVersionDto {
  return {
    version: row.version,
    changed_at: row.changedAt,
    changed_by: row.changedBy,
    change_type: row.changeType,
    config: maskSecrets(row.config),
    ...(row.commitSha ? { commit_sha: row.commitSha } : {}),
  };
}

export function etagOf(tool: McpToolEntity): string {
  return `"${tool.id}.${tool.revision}"`;
}
