import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageMetaDto } from '@app/core';
import { DEPLOYMENT_STATUSES, HEALTH_STATUSES, type DeploymentStatus, type HealthStatus } from '../entities/deployment.entity';

const DEPLOYMENT_ID = 'ff0e8400-e29b-41d4-a716-446655440010';
const TOOL_ID = '770e8400-e29b-41d4-a716-446655440002';
const ENDPOINT = 'http://localhost:8000/mcp/weather-tool/v1';

export class DeploymentCreatedDto {
  @ApiProperty({ format: 'uuid', example: DEPLOYMENT_ID })
  deployment_id: string;

  @ApiProperty({ format: 'uuid', example: TOOL_ID })
  tool_id: string;

  @ApiProperty({ example: ENDPOINT, description: 'PUBLIC_BASE_URL + /mcp/{slug}/v1' })
  endpoint_url: string;

  @ApiProperty({ enum: DEPLOYMENT_STATUSES, example: 'starting' })
  status: DeploymentStatus;

  @ApiProperty({ type: String, format: 'date-time' })
  deployed_at: Date;
}

export class DeploymentSummaryDto {
  @ApiProperty({ format: 'uuid', example: DEPLOYMENT_ID })
  deployment_id: string;

  @ApiProperty({ format: 'uuid', example: TOOL_ID })
  tool_id: string;

  @ApiProperty({ example: 'Weather MCP Tool' })
  tool_name: string;

  @ApiProperty({ example: ENDPOINT })
  endpoint_url: string;

  @ApiProperty({ enum: DEPLOYMENT_STATUSES, example: 'running' })
  status: DeploymentStatus;

  @ApiProperty({ enum: HEALTH_STATUSES, example: 'healthy' })
  health_status: HealthStatus;

  @ApiProperty({ type: String, format: 'date-time' })
  deployed_at: Date;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  last_health_check: Date | null;
}

/** The contract names this list's items `deployments`, not `items`. */
export class DeploymentPageDto extends PageMetaDto {
  @ApiProperty({ type: [DeploymentSummaryDto] })
  deployments: DeploymentSummaryDto[];
}

export class DeploymentMetricsDto {
  @ApiProperty({ type: 'integer', minimum: 0, example: 1523 })
  requests_total: number;

  @ApiProperty({ example: 45 })
  avg_response_time_ms: number;

  @ApiProperty({ minimum: 0, maximum: 1, example: 0.02 })
  error_rate: number;
}

export class DeploymentResourcesViewDto {
  @ApiProperty({ example: '500m' })
  cpu: string;

  @ApiProperty({ example: '512Mi' })
  memory: string;
}

export class DeploymentConfigViewDto {
  @ApiProperty({ example: 'production' })
  environment: string;

  @ApiProperty({ type: 'integer', example: 2 })
  replicas: number;

  @ApiProperty({ type: DeploymentResourcesViewDto })
  resources: DeploymentResourcesViewDto;

  @ApiPropertyOptional({ type: 'integer' })
  timeout_ms?: number;

  @ApiPropertyOptional({ type: 'integer' })
  max_concurrency?: number;
}

export class DeploymentInstanceDto {
  @ApiProperty({ example: '3fa85f64-1', description: 'Stable within the deployment: the same instance keeps its id across restarts' })
  id: string;

  @ApiProperty({ example: 'stdio', description: 'The runtime that runs it' })
  runtime: string;

  @ApiProperty({ enum: ['starting', 'running', 'restarting', 'stopped', 'failed'], example: 'running' })
  status: string;

  @ApiProperty({ type: 'integer', minimum: 0, example: 0, description: 'How often it was restarted after a crash' })
  restarts: number;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When its current process started' })
  started_at: string | null;
}

export class DeploymentDetailDto extends DeploymentSummaryDto {
  @ApiProperty({ example: '1.0.0', description: 'The tool version this deployment runs' })
  tool_version: string;

  @ApiProperty({ type: DeploymentConfigViewDto })
  config: DeploymentConfigViewDto;

  @ApiProperty({ type: String, nullable: true, description: 'Why the deployment failed to start' })
  error: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  stopped_at: Date | null;

  @ApiProperty({ type: [DeploymentInstanceDto], description: 'The server processes (or pods) running it now; empty for remote servers' })
  instances: DeploymentInstanceDto[];

  @ApiProperty({ type: DeploymentMetricsDto })
  metrics: DeploymentMetricsDto;
}

export class DeploymentStoppedDto {
  @ApiProperty({ example: 'Deployment stopped successfully' })
  message: string;

  @ApiProperty({ format: 'uuid', example: DEPLOYMENT_ID })
  deployment_id: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  stopped_at: Date | null;
}
