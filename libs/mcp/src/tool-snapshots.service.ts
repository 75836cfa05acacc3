import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { isUuid, NotFound } from '@app/core';
import { McpToolEntity } from './entities/mcp-tool.entity';
import { maskSecrets } from './secrets/secret-fields';
import { ToolSecrets } from './secrets/tool-secrets.service';
import { McpToolVersionEntity } from './entities/mcp-tool-version.entity';

export interface ToolSnapshotView {
  id: string;
  name: string;
  slug: string;
  description: string | null;
  version: string;
  status: string;
  config: Record<string, unknown>;
}

/** Read-only access to tools for other domains (analysis, deployments) without exposing the repository. */
@Injectable()
export class ToolSnapshots {
  constructor(
    @InjectRepository(McpToolEntity) private readonly tools: Repository<McpToolEntity>,
    @InjectRepository(McpToolVersionEntity) private readonly versions: Repository<McpToolVersionEntity>,
    private readonly secrets: ToolSecrets,
  ) {}

  async assertExists(id: string): Promise<void> {
    if (!isUuid(id) || !(await this.tools.existsBy({ id }))) throw NotFound('mcp_tool', id);
  }

  /** Secrets masked: snapshots feed analysis prompts and results. */
  async snapshot(id: string): Promise<ToolSnapshotView> {
    const tool = isUuid(id) ? await this.tools.findOneBy({ id }) : null;
    if (!tool) throw NotFound('mcp_tool', id);
    const { name, slug, description, version, status, config } = tool;
    return { id, name, slug, description, version, status, config: maskSecrets(config) };
  }

  /**
   * The config of one version with its secrets in plain text: what a deployment pinned, to start
   * and reach its server. History snapshots are masked, so an older version's secrets are those
   * stored now at the same paths. Never return it to a client, log it or put it in a job.
   */
  async versionConfigWithSecrets(toolId: string, version: string): Promise<Record<string, unknown>> {
    const tool = isUuid(toolId) ? await this.tools.findOneBy({ id: toolId }) : null;
    if (!tool) throw NotFound('mcp_tool', toolId);
    const current = this.secrets.open(toolId, tool.config);
    if (tool.version === version) return current;
    const row = await this.versions.findOne({ where: { toolId, version }, order: { id: 'DESC' } });
    if (!row) throw NotFound('mcp_tool_version', `${toolId}@${version}`);
    return this.secrets.keepMasked(row.config, current, 'empty');
  }
}
