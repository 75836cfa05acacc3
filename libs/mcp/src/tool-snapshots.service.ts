import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { isUuid, NotFound } from '@app/core';
import { McpToolEntity } from './entities/mcp-tool.entity';
import { maskSecrets } from './secrets/secret-fields';

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
  constructor(@InjectRepository(McpToolEntity) private readonly tools: Repository<McpToolEntity>) {}

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
}
