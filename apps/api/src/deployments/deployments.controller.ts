import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { UuidParamPipe } from '@app/core';
import { CurrentUser, RequirePermission, type AuthUser } from '@app/auth';
import { CreateDeploymentDto, DeploymentsService, ListDeploymentsQueryDto } from '@app/deployments';

@ApiTags('deployments')
@ApiBearerAuth('bearer')
@ApiSecurity('api-key')
@Controller('api/v1/deployments')
export class DeploymentsController {
  constructor(private readonly deployments: DeploymentsService) {}

  @Post()
  @RequirePermission('deployments:write')
  @ApiOperation({ summary: 'Deploy a tool (status starting; the worker connects and moves it to running or failed)' })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateDeploymentDto) {
    return this.deployments.create(user, dto);
  }

  @Get()
  @RequirePermission('deployments:read')
  @ApiOperation({ summary: 'Your deployments (all for admins), newest first; filter by status' })
  list(@CurrentUser() user: AuthUser, @Query() query: ListDeploymentsQueryDto) {
    return this.deployments.list(user, query);
  }

  @Get(':id')
  @RequirePermission('deployments:read')
  @ApiOperation({ summary: 'A deployment with its pinned tool version and call metrics' })
  get(@CurrentUser() user: AuthUser, @Param('id', UuidParamPipe) id: string) {
    return this.deployments.get(user, id);
  }

  @Delete(':id')
  @RequirePermission('deployments:delete')
  @ApiOperation({ summary: 'Stop a deployment; its endpoint answers 404 from then on' })
  stop(@CurrentUser() user: AuthUser, @Param('id', UuidParamPipe) id: string) {
    return this.deployments.stop(user, id);
  }

  @Post(':id/redeploy')
  @HttpCode(202)
  @RequirePermission('deployments:write')
  @ApiOperation({ summary: "Move the deployment to the tool's current version and start it again" })
  redeploy(@CurrentUser() user: AuthUser, @Param('id', UuidParamPipe) id: string) {
    return this.deployments.redeploy(user, id);
  }
}
