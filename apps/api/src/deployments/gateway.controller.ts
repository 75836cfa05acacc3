import { All, Body, Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentUser, RequirePermission, type AuthUser } from '@app/auth';
import { GatewayService, McpEndpoint, toRestBody } from '@app/deployments';

/** `/mcp/{slug}/v1`: a deployed tool over MCP Streamable HTTP, plus a REST convenience for plain clients. */
@ApiTags('gateway')
@ApiBearerAuth('bearer')
@ApiSecurity('api-key')
@Controller('mcp/:slug/v1')
export class GatewayController {
  constructor(
    private readonly gateway: GatewayService,
    private readonly mcp: McpEndpoint,
  ) {}

  @Get('tools')
  @RequirePermission('deployments:invoke')
  @ApiOperation({ summary: 'The tools of a running deployment with their input schemas' })
  async tools(@Param('slug') slug: string) {
    return { tools: this.gateway.listTools(await this.gateway.running(slug)) };
  }

  @Post('tools/:name')
  @HttpCode(200)
  @RequirePermission('deployments:invoke')
  @ApiBody({ schema: { type: 'object', description: "The tool's arguments" } })
  @ApiOperation({ summary: "Call a tool: its structuredContent, else its text parsed as JSON, else {content}" })
  async call(@Param('slug') slug: string, @Param('name') name: string, @Body() args: Record<string, unknown> | undefined, @Res() res: Response) {
    const result = await this.gateway.callTool(await this.gateway.running(slug), name, args ?? {});
    // res.json, not a returned value: a tool may answer with a bare JSON string or number.
    res.status(200).json(toRestBody(result));
  }

  @All()
  @RequirePermission('deployments:invoke')
  @ApiOperation({ summary: 'MCP Streamable HTTP endpoint (spec 2025-11-25 and 2026-07-28)' })
  async mcpEndpoint(@Param('slug') slug: string, @CurrentUser() user: AuthUser, @Req() req: Request, @Res() res: Response) {
    await this.mcp.handle(slug, user, req, res);
  }
}
