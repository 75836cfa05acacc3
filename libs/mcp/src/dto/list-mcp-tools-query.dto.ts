import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQueryDto } from '@app/core';
import { TOOL_STATUSES, type ToolStatus } from '../entities/mcp-tool.entity';

export const TOOL_SORTS = ['updated_at', '-updated_at', 'name', '-name'] as const;
export type ToolSort = (typeof TOOL_SORTS)[number];

export class ListMcpToolsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: TOOL_STATUSES })
  @IsOptional()
  @IsIn(TOOL_STATUSES)
  status?: ToolStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  author_id?: string;

  @ApiPropertyOptional({ description: 'Case-insensitive search in name and description', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ enum: TOOL_SORTS, default: '-updated_at', description: 'A leading "-" sorts descending' })
  @IsOptional()
  @IsIn(TOOL_SORTS)
  sort: ToolSort = '-updated_at';
}
