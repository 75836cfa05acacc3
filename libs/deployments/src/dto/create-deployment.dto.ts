import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Matches, Max, Min, ValidateNested } from 'class-validator';

/** Kubernetes quantity syntax: CPU in cores or millicores, memory with an optional binary/decimal suffix. */
export const CPU_PATTERN = /^(\d+m|\d+(\.\d{1,3})?)$/;
export const MEMORY_PATTERN = /^\d+(\.\d+)?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$/;
export const ENVIRONMENT_PATTERN = /^[a-z][a-z0-9-]{0,31}$/;

export class DeploymentResourcesDto {
  @ApiPropertyOptional({ example: '500m', pattern: CPU_PATTERN.source, default: '250m' })
  @IsOptional()
  @IsString()
  @Matches(CPU_PATTERN)
  cpu: string = '250m';

  @ApiPropertyOptional({ example: '512Mi', pattern: MEMORY_PATTERN.source, default: '256Mi' })
  @IsOptional()
  @IsString()
  @Matches(MEMORY_PATTERN)
  memory: string = '256Mi';
}

export class DeploymentConfigDto {
  @ApiPropertyOptional({ example: 'production', pattern: ENVIRONMENT_PATTERN.source, default: 'production' })
  @IsOptional()
  @IsString()
  @Matches(ENVIRONMENT_PATTERN)
  environment: string = 'production';

  @ApiPropertyOptional({ example: 2, minimum: 1, maximum: 20, default: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(20)
  replicas: number = 1;

  @ApiPropertyOptional({ type: DeploymentResourcesDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => DeploymentResourcesDto)
  resources: DeploymentResourcesDto = new DeploymentResourcesDto();

  @ApiPropertyOptional({ description: 'Per-call upstream timeout (ms); default GATEWAY_CALL_TIMEOUT_MS', minimum: 100, maximum: 600_000 })
  @IsOptional()
  @IsInt()
  @Min(100)
  @Max(600_000)
  timeout_ms?: number;

  @ApiPropertyOptional({ description: 'Concurrent calls per api replica before 429; default GATEWAY_MAX_CONCURRENT_CALLS', minimum: 1, maximum: 10_000 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000)
  max_concurrency?: number;
}

export class CreateDeploymentDto {
  @ApiProperty({ format: 'uuid', example: '770e8400-e29b-41d4-a716-446655440002' })
  @IsUUID()
  tool_id: string;

  @ApiPropertyOptional({ type: DeploymentConfigDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => DeploymentConfigDto)
  config: DeploymentConfigDto = new DeploymentConfigDto();
}
