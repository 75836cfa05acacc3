import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQueryDto } from '@app/core';
import { DEPLOYMENT_STATUSES, type DeploymentStatus } from '../entities/deployment.entity';

export class ListDeploymentsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: DEPLOYMENT_STATUSES })
  @IsOptional()
  @IsIn(DEPLOYMENT_STATUSES)
  status?: DeploymentStatus;
}
