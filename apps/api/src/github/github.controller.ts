import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, Idempotent, PageQueryDto, UuidParamPipe } from '@app/core';
import { CurrentUser, RequirePermission, type AuthUser } from '@app/auth';
import {
  ConnectionCreatedDto,
  ConnectionDto,
  ConnectionPageDto,
  ConnectRepositoryDto,
  DisconnectedDto,
  GithubConnectionsService,
  GithubConnectService,
} from '@app/github';
import { TaskAcceptedDto } from '@app/tasks';

@ApiTags('github')
@Controller('api/v1/github')
export class GithubController {
  constructor(
    private readonly connector: GithubConnectService,
    private readonly connections: GithubConnectionsService,
  ) {}

  @Post('connect')
  @Idempotent()
  @RequirePermission('github:connect')
  @ApiOperation({ summary: "Connect a tool to a repository (the tool's owner or an admin); the token is checked with GitHub, then stored encrypted" })
  @ApiCreatedResponse({ type: ConnectionCreatedDto })
  @ApiErrors(404, 409, 502)
  async connect(@CurrentUser() user: AuthUser, @Body() dto: ConnectRepositoryDto): Promise<ConnectionCreatedDto> {
    const { connection, webhook } = await this.connector.connect(user, dto);
    return {
      connection_id: connection.id,
      repository_url: connection.repositoryUrl,
      tool_id: connection.toolId,
      status: 'connected',
      branch: connection.branch,
      manifest_path: connection.manifestPath,
      webhook,
      created_at: connection.createdAt,
    };
  }

  @Get('connections')
  @RequirePermission('github:connect')
  @ApiOperation({ summary: "The caller's connections, newest first (an admin sees all)" })
  @ApiOkResponse({ type: ConnectionPageDto })
  list(@CurrentUser() user: AuthUser, @Query() query: PageQueryDto): Promise<ConnectionPageDto> {
    return this.connections.list(user, query);
  }

  @Get('connections/:id')
  @RequirePermission('github:connect')
  @ApiOperation({ summary: 'A connection with its last sync (owner or admin; never the token)' })
  @ApiOkResponse({ type: ConnectionDto })
  @ApiErrors(404)
  get(@CurrentUser() user: AuthUser, @Param('id', UuidParamPipe) id: string): Promise<ConnectionDto> {
    return this.connections.get(id, user);
  }

  @Post('sync/:id')
  @Idempotent()
  @HttpCode(202)
  @RequirePermission('github:sync')
  @ApiOperation({ summary: "Queue a sync: the worker reads the manifest at the branch head and writes a new version of the tool" })
  @ApiAcceptedResponse({ type: TaskAcceptedDto })
  @ApiErrors(404)
  sync(@CurrentUser() user: AuthUser, @Param('id', UuidParamPipe) id: string): Promise<TaskAcceptedDto> {
    return this.connections.requestSync(id, user);
  }

  @Delete('disconnect/:id')
  @RequirePermission('github:connect')
  @ApiOperation({ summary: 'Disconnect: deletes the stored token and the webhook connect created' })
  @ApiOkResponse({ type: DisconnectedDto })
  @ApiErrors(404)
  disconnect(@CurrentUser() user: AuthUser, @Param('id', UuidParamPipe) id: string): Promise<DisconnectedDto> {
    return this.connections.disconnect(id, user);
  }
}
