import { Injectable } from '@nestjs/common';
import { AppException, type UserBackedActor, validateInput, ValidationFailed, type ValidationIssue } from '@app/core';
import { CreateMcpToolDto } from './dto/create-mcp-tool.dto';
import { McpToolEntity } from './entities/mcp-tool.entity';
import { fromServerJson, type ImportedTool } from './interchange/from-server-json';
import { fromOpenApi } from './interchange/openapi/from-openapi';
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
    return this.create(actor, tool, inServerJsonTerms);
  }

  /** A draft tool whose tools are the operations of an OpenAPI 3 document, through the same checks. */
  async importOpenApi(actor: UserBackedActor, doc: unknown): Promise<McpToolEntity> {
    const { tool, issues, sources } = fromOpenApi(doc);
    if (!tool) throw ValidationFailed(issues);
    return this.create(actor, tool, (issue) => inOpenApiTerms(issue, sources));
  }

  /** Issues of the DTO or of the config are renamed to the field of the document the client sent. */
  private async create(actor: UserBackedActor, tool: ImportedTool, rename: (issue: ValidationIssue) => ValidationIssue): Promise<McpToolEntity> {
    const inClientTerms = (err: unknown): never => {
      throw err instanceof AppException && err.errorCode === 'VALIDATION_ERROR' && Array.isArray(err.detail) ? ValidationFailed(err.detail.map(rename)) : err;
    };
    const dto = await validateInput(CreateMcpToolDto, { ...tool }, ['body']).catch(inClientTerms);
    return this.tools.create(actor, dto).catch(inClientTerms);
  }
}

/** server.json's `title` and `name` become the tool's `name` and `slug`; issues name the field the client sent. */
const SERVER_JSON_FIELD: Record<string, string> = { name: 'title', slug: 'name' };

function inServerJsonTerms(issue: ValidationIssue): ValidationIssue {
  const [root, field, ...rest] = issue.loc;
  return { ...issue, loc: [root, SERVER_JSON_FIELD[String(field)] ?? field, ...rest] };
}

/** The tool's fields come from `info`; a problem of a generated tool points at its operation. */
const OPENAPI_FIELD: Record<string, string[]> = { name: ['info', 'title'], slug: ['info', 'title'], version: ['info', 'version'], description: ['info', 'description'] };

function inOpenApiTerms(issue: ValidationIssue, sources: (string | number)[][]): ValidationIssue {
  const [root, field, section, index] = issue.loc;
  if (field === 'config' && section === 'tools' && typeof index === 'number' && sources[index]) return { ...issue, loc: sources[index] };
  const mapped = OPENAPI_FIELD[String(field)];
  return mapped ? { ...issue, loc: [root, ...mapped] } : issue;
}
