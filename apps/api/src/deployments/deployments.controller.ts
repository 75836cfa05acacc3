import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, Idempotent, UuidParamPipe } from '@app/core';
import { CurrentUser, RequirePermission, type AuthUser } from '@app/auth';
import {
  CreateDeploymentDto,
  DeploymentCreatedDto,
  DeploymentDetailDto,
  DeploymentPageDto,
  DeploymentsService,
  DeploymentStoppedDto,
  ListDeploymentsQueryDto,
} from '@app/deployments';

@ApiTags('deployments')
@Controller('api/v1/deployments')
export class DeploymentsController {
  constructor(private readonly deployments: DeploymentsService) {}

  @Post()
  @Idempotent()
  @RequirePermission('deployments:write')
  @ApiOperation({ summary: 'Deploy a tool you own (status starting; the worker moves it to running or failed)' })
  @ApiCreatedResponse({ type: DeploymentCreatedDto })
  @ApiErrors(404, 409)
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateDeploymentDto): Promise<DeploymentCreatedDto> {
    return this.deployments.create(user, dto);
  }

  @Get()
  @RequirePermission('deployments:read')
  @ApiOperation({ summary: 'Your deployments (all for admins), newest first; filter by status' })
  @ApiOkResponse({ type: DeploymentPageDto })
  list(@CurrentUser() user: AuthUser, @Query() query: ListDeploymentsQueryDto): Promise<DeploymentPageDto> {
    return this.deployments.list(user, query);
  }

  @Get(':id')
  @RequirePermission('deployments:read')
  @ApiOperation({ summary: 'A deployment with its pinned tool version and call metrics (owner or admin)' })
  @ApiOkResponse({ type: DeploymentDetailDto })
  @ApiErrors(404)
  get(@CurrentUser() user: AuthUser, @Param('id', UuidParamPipe) id: string): Promise<DeploymentDetailDto> {
    return this.deployments.get(user, id);
  }

  @Delete(':id')
  @RequirePermission('deployments:delete')
  @ApiOperation({ summary: 'Stop a deployment; its endpoint answers 404 from then on' })
  @ApiOkResponse({ type: DeploymentStoppedDto })
  @ApiErrors(404)
  stop(@CurrentUser() user: AuthUser, @Param('id', UuidParamPipe) id: string): Promise<DeploymentStoppedDto> {
    return this.deployments.stop(user, id);
  }

  @Post(':id/redeploy')
  @HttpCode(202)
  @Idempotent()
  @RequirePermission('deployments:write')
  @ApiOperation({ summary: "Move the deployment to the tool's current version and start it again" })
  @ApiAcceptedResponse({ type: DeploymentCreatedDto })
  @ApiErrors(404, 409)
  redeploy(@CurrentUser() user: AuthUser, @Param('id', UuidParamPipe) id: string): Promise<DeploymentCreatedDto> {
    return this.deployments.redeploy(user, id);
  }
}
