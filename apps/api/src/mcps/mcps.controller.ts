import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiErrors, DeletedDto, Idempotent, userActor, UuidParamPipe } from '@app/core';
import { CurrentUser, OwnedBy, RequirePermission, type AuthUser } from '@app/auth';
import { DeploymentsService } from '@app/deployments';
import {
  CreateMcpToolDto,
  etagOf,
  ListMcpToolsQueryDto,
  McpHistoryService,
  McpInterchangeService,
  McpToolDetailDto,
  McpToolHistoryDto,
  McpToolPageDto,
  McpToolsService,
  McpToolSummaryDto,
  RollbackMcpToolDto,
  ServerJsonDto,
  toToolDetail,
  toToolSummary,
  toVersionView,
  UpdateMcpToolDto,
} from '@app/mcp';

/** The version tag of a tool, to send back as If-Match on PUT. */
const ETAG = { ETag: { required: true, description: 'Send it as If-Match on PUT (412 if the tool changed since)', schema: { type: 'string' } } };

@ApiTags('mcps')
@Controller('api/v1/mcps')
export class McpsController {
  constructor(
    private readonly tools: McpToolsService,
    private readonly history: McpHistoryService,
    private readonly interchange: McpInterchangeService,
    private readonly deployments: DeploymentsService,
  ) {}

  @Post()
  @Idempotent()
  @RequirePermission('mcps:write')
  @ApiOperation({ summary: 'Register a tool (status draft, author = caller)' })
  @ApiCreatedResponse({ type: McpToolSummaryDto, headers: ETAG })
  @ApiErrors(409)
  async create(
    @CurrentUser() user: AuthUser,
    @Body() dto: CreateMcpToolDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<McpToolSummaryDto> {
    const tool = await this.tools.create(userActor(user.id), dto);
    res.setHeader('ETag', etagOf(tool));
    return toToolSummary(tool);
  }

  @Post('import')
  @Idempotent()
  @RequirePermission('mcps:write')
  @ApiOperation({ summary: 'Create a draft tool from an official MCP Registry server.json' })
  @ApiBody({ schema: { type: 'object', description: 'A server.json document (schema 2025-09-29)' } })
  @ApiCreatedResponse({ type: McpToolSummaryDto })
  @ApiErrors(409)
  async import(@CurrentUser() user: AuthUser, @Body() doc: Record<string, unknown>): Promise<McpToolSummaryDto> {
    return toToolSummary(await this.interchange.import(userActor(user.id), doc));
  }

  @Post('import/openapi')
  @Idempotent()
  @RequirePermission('mcps:write')
  @ApiOperation({
    summary: 'Create a draft REST tool from an OpenAPI 3 document',
    description:
      'The first server URL becomes a `transport: "http"` server; every operation (get, post, put, patch, delete) a tool named after its ' +
      'operationId, with its parameters and JSON request body as input schema. Operations without a JSON body are listed in ' +
      '`config.openapi.skipped`. Credentials are not imported: add them to the server\'s `headers` (stored sealed).',
  })
  @ApiBody({ schema: { type: 'object', additionalProperties: true, description: 'An OpenAPI 3.0 or 3.1 document (JSON)' } })
  @ApiCreatedResponse({ type: McpToolDetailDto, headers: ETAG })
  @ApiErrors(409)
  async importOpenApi(@CurrentUser() user: AuthUser, @Body() doc: Record<string, unknown>, @Res({ passthrough: true }) res: Response): Promise<McpToolDetailDto> {
    const tool = await this.interchange.importOpenApi(userActor(user.id), doc);
    res.setHeader('ETag', etagOf(tool));
    return toToolDetail(tool);
  }

  @Get()
  @RequirePermission('mcps:read')
  @ApiOperation({ summary: 'List tools (filters: status, author_id, q; sort: updated_at or name)' })
  @ApiOkResponse({ type: McpToolPageDto })
  async list(@Query() query: ListMcpToolsQueryDto): Promise<McpToolPageDto> {
    const page = await this.tools.list(query);
    return { ...page, items: page.items.map(toToolSummary) };
  }

  @Get(':id')
  @RequirePermission('mcps:read')
  @ApiOperation({ summary: 'A tool with its config; the ETag header feeds If-Match on PUT' })
  @ApiOkResponse({ type: McpToolDetailDto, headers: ETAG })
  @ApiErrors(404)
  async get(@Param('id', UuidParamPipe) id: string, @Res({ passthrough: true }) res: Response): Promise<McpToolDetailDto> {
    const tool = await this.tools.get(id);
    res.setHeader('ETag', etagOf(tool));
    return toToolDetail(tool);
  }

  @Put(':id')
  @RequirePermission('mcps:write')
  @OwnedBy(McpToolsService)
  @ApiHeader({ name: 'If-Match', required: false, description: 'ETag from GET; 412 if the tool changed since' })
  @ApiOperation({ summary: 'Partial update; a new config needs a greater version (409 otherwise)' })
  @ApiOkResponse({ type: McpToolSummaryDto, headers: ETAG })
  @ApiErrors(404, 409, 412)
  async update(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: UpdateMcpToolDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<McpToolSummaryDto> {
    const tool = await this.tools.update(userActor(user.id), id, dto, { ifMatch });
    res.setHeader('ETag', etagOf(tool));
    return toToolSummary(tool);
  }

  @Get(':id/server.json')
  @RequirePermission('mcps:read')
  @ApiOperation({ summary: 'The tool as an official MCP Registry server.json' })
  @ApiOkResponse({ type: ServerJsonDto })
  @ApiErrors(404)
  exportServerJson(@Param('id', UuidParamPipe) id: string): Promise<ServerJsonDto> {
    return this.interchange.export(id);
  }

  @Get(':id/history')
  @RequirePermission('mcps:read')
  @ApiOperation({ summary: 'Every version with its config snapshot, newest first' })
  @ApiOkResponse({ type: McpToolHistoryDto })
  @ApiErrors(404)
  async versions(@Param('id', UuidParamPipe) id: string): Promise<McpToolHistoryDto> {
    return { versions: (await this.history.history(id)).map(toVersionView) };
  }

  @Post(':id/rollback')
  @Idempotent()
  @HttpCode(200)
  @RequirePermission('mcps:write')
  @OwnedBy(McpToolsService)
  @ApiOperation({ summary: 'Restore an earlier version’s config as a new version' })
  @ApiOkResponse({ type: McpToolDetailDto })
  @ApiErrors(404, 409)
  async rollback(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: RollbackMcpToolDto,
  ): Promise<McpToolDetailDto> {
    return toToolDetail(await this.history.rollback(userActor(user.id), id, dto.version, dto.new_version));
  }

  @Delete(':id')
  @RequirePermission('mcps:delete')
  @OwnedBy(McpToolsService)
  @ApiOperation({ summary: 'Delete a tool and its history; its deployment is stopped first' })
  @ApiOkResponse({ type: DeletedDto })
  @ApiErrors(404)
  async remove(@Param('id', UuidParamPipe) id: string): Promise<DeletedDto> {
    await this.deployments.removeTool(id);
    return { message: 'MCP tool deleted successfully', id };
  }
}
