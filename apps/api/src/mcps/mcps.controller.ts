import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { UuidParamPipe } from '@app/core';
import { CurrentUser, RequirePermission, type AuthUser } from '@app/auth';
import {
  CreateMcpToolDto,
  etagOf,
  ListMcpToolsQueryDto,
  McpHistoryService,
  McpInterchangeService,
  McpToolsService,
  RollbackMcpToolDto,
  toToolDetail,
  toToolSummary,
  toVersionView,
  UpdateMcpToolDto,
} from '@app/mcp';

@ApiTags('mcps')
@ApiBearerAuth('bearer')
@ApiSecurity('api-key')
@Controller('api/v1/mcps')
export class McpsController {
  constructor(
    private readonly tools: McpToolsService,
    private readonly history: McpHistoryService,
    private readonly interchange: McpInterchangeService,
  ) {}

  @Post()
  @RequirePermission('mcps:write')
  @ApiOperation({ summary: 'Register a tool (status draft, author = caller)' })
  async create(@CurrentUser() user: AuthUser, @Body() dto: CreateMcpToolDto, @Res({ passthrough: true }) res: Response) {
    const tool = await this.tools.create(user, dto);
    res.setHeader('ETag', etagOf(tool));
    return toToolSummary(tool);
  }

  @Post('import')
  @RequirePermission('mcps:write')
  @ApiOperation({ summary: 'Create a draft tool from an official MCP Registry server.json' })
  @ApiBody({ schema: { type: 'object', description: 'A server.json document (schema 2025-09-29)' } })
  async import(@CurrentUser() user: AuthUser, @Body() doc: Record<string, unknown>) {
    return toToolSummary(await this.interchange.import(user, doc));
  }

  @Get()
  @RequirePermission('mcps:read')
  @ApiOperation({ summary: 'List tools (filters: status, author_id, q; sort: updated_at or name)' })
  async list(@Query() query: ListMcpToolsQueryDto) {
    const page = await this.tools.list(query);
    return { ...page, items: page.items.map(toToolSummary) };
  }

  @Get(':id')
  @RequirePermission('mcps:read')
  @ApiOperation({ summary: 'A tool with its config; the ETag header feeds If-Match on PUT' })
  async get(@Param('id', UuidParamPipe) id: string, @Res({ passthrough: true }) res: Response) {
    const tool = await this.tools.get(id);
    res.setHeader('ETag', etagOf(tool));
    return toToolDetail(tool);
  }

  @Put(':id')
  @RequirePermission('mcps:write')
  @ApiHeader({ name: 'If-Match', required: false, description: 'ETag from GET; 412 if the tool changed since' })
  @ApiOperation({ summary: 'Partial update; a new config needs a greater version (409 otherwise)' })
  async update(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: UpdateMcpToolDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const tool = await this.tools.update(user, id, dto, ifMatch);
    res.setHeader('ETag', etagOf(tool));
    return toToolSummary(tool);
  }

  @Get(':id/server.json')
  @RequirePermission('mcps:read')
  @ApiOperation({ summary: 'The tool as an official MCP Registry server.json' })
  exportServerJson(@Param('id', UuidParamPipe) id: string) {
    return this.interchange.export(id);
  }

  @Get(':id/history')
  @RequirePermission('mcps:read')
  @ApiOperation({ summary: 'Every version with its config snapshot, newest first' })
  async versions(@Param('id', UuidParamPipe) id: string) {
    return { versions: (await this.history.history(id)).map(toVersionView) };
  }

  @Post(':id/rollback')
  @HttpCode(200)
  @RequirePermission('mcps:write')
  @ApiOperation({ summary: 'Restore an earlier version’s config as a new version' })
  async rollback(@CurrentUser() user: AuthUser, @Param('id', UuidParamPipe) id: string, @Body() dto: RollbackMcpToolDto) {
    return toToolDetail(await this.history.rollback(user, id, dto.version, dto.new_version));
  }

  @Delete(':id')
  @RequirePermission('mcps:delete')
  @ApiOperation({ summary: 'Delete a tool and its history' })
  async remove(@CurrentUser() user: AuthUser, @Param('id', UuidParamPipe) id: string) {
    await this.tools.remove(user, id);
    return { message: 'MCP tool deleted successfully', id };
  }
}
