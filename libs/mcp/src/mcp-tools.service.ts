import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { type Actor, Conflict, NotFound, Page, pageOffset, PreconditionFailed, toPage, type UserBackedActor } from '@app/core';
import { CreateMcpToolDto } from './dto/create-mcp-tool.dto';
import { ListMcpToolsQueryDto } from './dto/list-mcp-tools-query.dto';
import { UpdateMcpToolDto } from './dto/update-mcp-tool.dto';
import { McpToolEntity } from './entities/mcp-tool.entity';
import { ChangeType, McpToolVersionEntity } from './entities/mcp-tool-version.entity';
import { assertValidConfig } from './tool-config.guard';
import { etagOf } from './mcp-tool.view';
import { assertVersionChange } from './version-change.guard';
import { maskSecrets } from './secrets/secret-fields';
import { ToolSecrets } from './secrets/tool-secrets.service';

const UNIQUE_VIOLATION = '23505';

export interface ToolWriteOptions {
  /** Stale-write protection: the ETag the caller last saw. */
  ifMatch?: string;
  /** How the history records the change: a person's edit or a sync from the tool's source. */
  changeType?: Extract<ChangeType, 'update' | 'sync'>;
  /** For a sync: the repository commit the change came from, kept in the history entry. */
  commitSha?: string;
}

/**
 * Writes tools on behalf of an actor. Callers authorize first (the api's @OwnedBy guard, or the
 * job that was authorized when it was queued); nothing here looks at a request principal.
 */
@Injectable()
export class McpToolsService {
  constructor(
    @InjectRepository(McpToolEntity) private readonly tools: Repository<McpToolEntity>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly secrets: ToolSecrets,
  ) {}

  /** The tool belongs to the user behind the actor. */
  async create(actor: UserBackedActor, dto: CreateMcpToolDto, changeType: Extract<ChangeType, 'create' | 'sync'> = 'create'): Promise<McpToolEntity> {
    assertValidConfig(dto.config);
    // The id is chosen here because the sealed secrets are bound to it.
    const id = randomUUID();
    const config = this.secrets.seal(id, this.secrets.keepMasked(dto.config, undefined, 'reject'));
    return this.dataSource.transaction(async (manager) => {
      const tool = manager.create(McpToolEntity, { ...dto, id, config, description: dto.description ?? null, status: 'draft', authorId: actor.userId });
      const saved = await manager.save(tool).catch((err: { code?: string }) => {
        if (err.code === UNIQUE_VIOLATION) throw Conflict(`A tool with slug "${dto.slug}" already exists`, { field: 'slug' });
        throw err;
      });
      await this.recordVersion(manager, saved, changeType, actor);
      return saved;
    });
  }

  async get(id: string): Promise<McpToolEntity> {
    const tool = await this.tools.findOneBy({ id });
    if (!tool) throw NotFound('mcp_tool', id);
    return tool;
  }

  async list(query: ListMcpToolsQueryDto): Promise<Page<McpToolEntity>> {
    const qb = this.tools.createQueryBuilder('t');
    if (query.status) qb.andWhere('t.status = :status', { status: query.status });
    if (query.author_id) qb.andWhere('t.author_id = :author', { author: query.author_id });
    if (query.q) {
      const pattern = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      qb.andWhere('(t.name ILIKE :pattern OR t.description ILIKE :pattern)', { pattern });
    }
    const descending = query.sort.startsWith('-');
    const column = query.sort.replace('-', '') === 'name' ? 't.name' : 't.updated_at';
    qb.orderBy(column, descending ? 'DESC' : 'ASC').addOrderBy('t.id', descending ? 'DESC' : 'ASC');
    // Rows and count in parallel on two pooled connections rather than one after the other.
    const [items, total] = await Promise.all([qb.clone().offset(pageOffset(query)).limit(query.page_size).getMany(), qb.getCount()]);
    return toPage(items, total, query);
  }

  /**
   * Row-locks the tool for the whole change, so concurrent updates serialise: each sees the
   * previous one's version and writes exactly one history row.
   */
  async update(actor: Actor, id: string, dto: UpdateMcpToolDto, { ifMatch, changeType = 'update', commitSha }: ToolWriteOptions = {}): Promise<McpToolEntity> {
    if (dto.config !== undefined) assertValidConfig(dto.config);
    return this.dataSource.transaction(async (manager) => {
      const tool = await this.lockTool(manager, id);
      if (ifMatch && ifMatch !== '*' && !ifMatch.split(',').map((t) => t.trim()).includes(etagOf(tool))) {
        throw PreconditionFailed();
      }
      const current = this.secrets.open(id, tool.config);
      const next = dto.config === undefined ? current : this.secrets.keepMasked(dto.config, current, 'reject');
      // Deep equality, not JSON text: jsonb does not keep key order.
      const configChanged = !isDeepStrictEqual(next, current);
      assertVersionChange(tool.version, dto.version ?? tool.version, configChanged);
      Object.assign(tool, dto, { config: configChanged ? this.secrets.seal(id, next) : tool.config, revision: tool.revision + 1 });
      const saved = await manager.save(tool);
      await this.recordVersion(manager, saved, changeType, actor, commitSha);
      return saved;
    });
  }

  async remove(id: string): Promise<void> {
    const { affected } = await this.tools.delete({ id });
    if (!affected) throw NotFound('mcp_tool', id);
  }

  /** For the ownership guard: the tool's author (404 when there is no such tool). */
  async ownerOf(id: string): Promise<string> {
    return (await this.get(id)).authorId;
  }

  async lockTool(manager: EntityManager, id: string): Promise<McpToolEntity> {
    const tool = await manager.findOne(McpToolEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!tool) throw NotFound('mcp_tool', id);
    return tool;
  }

  /**
   * The config with its secrets in plain text, for internal consumers that must use them (a
   * deployment starting the server). Never return it to a client, log it or put it in a job.
   */
  async configWithSecrets(id: string): Promise<Record<string, unknown>> {
    const tool = await this.get(id);
    return this.secrets.open(id, tool.config);
  }

  /** Restores a (masked) snapshot: masks keep the secret stored now at the same path, or become empty. */
  restoreConfig(tool: McpToolEntity, snapshot: Record<string, unknown>): Record<string, unknown> {
    const current = this.secrets.open(tool.id, tool.config);
    return this.secrets.seal(tool.id, this.secrets.keepMasked(snapshot, current, 'empty'));
  }

  /** History never holds secrets, not even sealed: snapshots are masked. */
  async recordVersion(manager: EntityManager, tool: McpToolEntity, changeType: ChangeType, actor: Actor, commitSha?: string): Promise<void> {
    const row = manager.create(McpToolVersionEntity, {
      toolId: tool.id,
      version: tool.version,
      changeType,
      config: maskSecrets(tool.config),
      changedBy: actor.userId,
      changedByActor: actor.label,
      commitSha: commitSha ?? null,
    });
    await manager.save(row);
  }
}
