import { Body, Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ApiErrors } from '@app/core';
import { CurrentUser, RequirePermission, type AuthUser } from '@app/auth';
import { GatewayService, GatewayToolsDto, JsonRpcResponseDto, McpEndpoint, toRestBody, ToolCallResultDto } from '@app/deployments';

/**
 * `/mcp/{slug}/v1`: a deployed tool over MCP Streamable HTTP, plus a REST convenience for plain
 * clients. GET and DELETE on the MCP endpoint answer 405 (see MethodNotAllowedRoutes).
 */
@ApiTags('gateway')
@Controller('mcp/:slug/v1')
export class GatewayController {
  constructor(
    private readonly gateway: GatewayService,
    private readonly mcp: McpEndpoint,
  ) {}

  @Get('tools')
  @RequirePermission('deployments:invoke')
  @ApiOperation({ summary: 'The tools of a running deployment with their input schemas' })
  @ApiOkResponse({ type: GatewayToolsDto })
  @ApiErrors(404)
  async tools(@Param('slug') slug: string): Promise<GatewayToolsDto> {
    return { tools: this.gateway.listTools(await this.gateway.running(slug)) };
  }

  @Post('tools/:name')
  @HttpCode(200)
  @RequirePermission('deployments:invoke')
  @ApiBody({ schema: { type: 'object', additionalProperties: true, description: "The tool's arguments" }, examples: { weather: { value: { location: 'San Francisco, CA' } } } })
  @ApiOperation({ summary: 'Call a tool: its structuredContent, else its text parsed as JSON, else {content}' })
  @ApiOkResponse({ type: ToolCallResultDto })
  @ApiErrors(404, 502, 504)
  async call(@Param('slug') slug: string, @Param('name') name: string, @Body() args: Record<string, unknown> | undefined, @Res() res: Response): Promise<void> {
    const result = await this.gateway.callTool(await this.gateway.running(slug), name, args ?? {});
    // res.json, not a returned value: a tool may answer with a bare JSON string or number.
    res.status(200).json(toRestBody(result));
  }

  @Post()
  @HttpCode(200)
  @RequirePermission('deployments:invoke')
  @ApiOperation({ summary: 'MCP Streamable HTTP endpoint: JSON-RPC over POST, spec 2025-11-25 and 2026-07-28' })
  @ApiBody({ schema: { type: 'object', additionalProperties: true, description: 'A JSON-RPC request or notification' } })
  @ApiExtraModels(JsonRpcResponseDto)
  @ApiOkResponse({
    description: 'The JSON-RPC response, as JSON or as an SSE stream (202 without a body for notifications)',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(JsonRpcResponseDto) } },
      'text/event-stream': { schema: { type: 'string' } },
    },
  })
  @ApiErrors(404)
  async mcpEndpoint(@Param('slug') slug: string, @CurrentUser() user: AuthUser, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.mcp.handle(slug, user, req, res);
  }
}
