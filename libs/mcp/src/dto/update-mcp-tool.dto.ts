import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsObject, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { TOOL_STATUSES, type ToolStatus } from '../entities/mcp-tool.entity';
import { SEMVER_PATTERN } from './create-mcp-tool.dto';

/** A partial update; a new `config` needs a `version` greater than the current one. */
export class UpdateMcpToolDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 255 })
  @IsOptional()
  @IsString()
  @Length(1, 255)
  name?: string;

  @ApiPropertyOptional({ maxLength: 10_000 })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  description?: string;

  @ApiPropertyOptional({ example: '1.1.0', pattern: SEMVER_PATTERN.source })
  @IsOptional()
  @IsString()
  @Matches(SEMVER_PATTERN)
  version?: string;

  @ApiPropertyOptional({ enum: TOOL_STATUSES })
  @IsOptional()
  @IsIn(TOOL_STATUSES)
  status?: ToolStatus;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  @IsOptional()
  @IsObject()
  config?: Record<string, unknown>;
}
