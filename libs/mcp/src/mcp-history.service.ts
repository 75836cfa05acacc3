import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import inc from 'semver/functions/inc';
import { DataSource, Repository } from 'typeorm';
import { type Actor, NotFound } from '@app/core';
import { McpToolEntity } from './entities/mcp-tool.entity';
import { McpToolVersionEntity } from './entities/mcp-tool-version.entity';
import { McpToolsService } from './mcp-tools.service';
import { assertVersionChange } from './version-change.guard';

@Injectable()
export class McpHistoryService {
  constructor(
    @InjectRepository(McpToolVersionEntity) private readonly versions: Repository<McpToolVersionEntity>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tools: McpToolsService,
  ) {}

  /** Newest first; the insertion order (id) breaks ties between changes in the same instant. */
  async history(toolId: string): Promise<McpToolVersionEntity[]> {
    await this.tools.get(toolId);
    return this.versions.find({ where: { toolId }, order: { id: 'DESC' } });
  }

  /** Restores an earlier config as a new version (never rewrites history). */
  async rollback(actor: Actor, toolId: string, targetVersion: string, newVersion?: string): Promise<McpToolEntity> {
    return this.dataSource.transaction(async (manager) => {
      const tool = await this.tools.lockTool(manager, toolId);
      const target = await manager.findOne(McpToolVersionEntity, {
        where: { toolId, version: targetVersion },
        order: { id: 'DESC' },
      });
      if (!target) throw NotFound('mcp_tool_version', `${toolId}@${targetVersion}`);
      const version = newVersion ?? (inc(tool.version, 'patch') as string);
      assertVersionChange(tool.version, version, true);
      Object.assign(tool, { config: this.tools.restoreConfig(tool, target.config), version, revision: tool.revision + 1 });
      const saved = await manager.save(tool);
      await this.tools.recordVersion(manager, saved, 'rollback', actor);
      return saved;
    });
  }
}
