import { Injectable } from '@nestjs/common';
import { type UserBackedActor, ValidationFailed } from '@app/core';
import { McpToolEntity } from './entities/mcp-tool.entity';
import { fromServerJson } from './interchange/from-server-json';
import type { ServerJson } from './interchange/server-json.types';
import { toServerJson } from './interchange/to-server-json';
import { McpToolsService } from './mcp-tools.service';

/** Exchange with the official MCP Registry format (`server.json`). */
@Injectable()
export class McpInterchangeService {
  constructor(private readonly tools: McpToolsService) {}

  async export(id: string): Promise<ServerJson> {
    return toServerJson(await this.tools.get(id));
  }

  /** Creates a draft tool from a server.json; the config then passes the registry's own validation. */
  async import(actor: UserBackedActor, doc: unknown): Promise<McpToolEntity> {
    const { tool, issues } = fromServerJson(doc);
    if (!tool) throw ValidationFailed(issues);
    return this.tools.create(actor, tool);
  }
}
