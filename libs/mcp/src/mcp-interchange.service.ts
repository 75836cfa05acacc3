import { Injectable } from '@nestjs/common';
import { AppException, type UserBackedActor, validateInput, ValidationFailed, type ValidationIssue } from '@app/core';
import { CreateMcpToolDto } from './dto/create-mcp-tool.dto';
import { McpToolEntity } from './entities/mcp-tool.entity';
import { fromServerJson } from './interchange/from-server-json';
import type { ServerJson } from './interchange/server-json.types';
import { toServerJson } from './interchange/to-server-json';
import { McpToolsService } from './mcp-tools.service';
import { maskSecrets } from './secrets/secret-fields';

/** Exchange with the official MCP Registry format (`server.json`). */
@Injectable()
export class McpInterchangeService {
  constructor(private readonly tools: McpToolsService) {}

  async export(id: string): Promise<ServerJson> {
    const tool = await this.tools.get(id);
    return toServerJson({ ...tool, config: maskSecrets(tool.config) });
  }

  /**
   * Creates a draft tool from a server.json through exactly the checks of `POST /mcps` (the same
   * DTO validation, then the same config validation in create), so no import stores what create refuses.
   */
  async import(actor: UserBackedActor, doc: unknown): Promise<McpToolEntity> {
    const { tool, issues } = fromServerJson(doc);
    if (!tool) throw ValidationFailed(issues);
    const dto = await validateInput(CreateMcpToolDto, { ...tool }, ['body']).catch((err: unknown) => {
      throw err instanceof AppException && Array.isArray(err.detail) ? ValidationFailed(err.detail.map(inServerJsonTerms)) : err;
    });
    return this.tools.create(actor, dto);
  }
}

/** server.json's `title` and `name` become the tool's `name` and `slug`; issues name the field the client sent. */
const SERVER_JSON_FIELD: Record<string, string> = { name: 'title', slug: 'name' };

function inServerJsonTerms(issue: ValidationIssue): ValidationIssue {
  const [root, field, ...rest] = issue.loc;
  return { ...issue, loc: [root, SERVER_JSON_FIELD[String(field)] ?? field, ...rest] };
}
