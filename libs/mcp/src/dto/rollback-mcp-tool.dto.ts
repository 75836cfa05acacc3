import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';
import { SEMVER_PATTERN } from './create-mcp-tool.dto';

export class RollbackMcpToolDto {
  @ApiProperty({ example: '1.0.0', description: 'The earlier version whose config is restored' })
  @IsString()
  @Matches(SEMVER_PATTERN)
  version: string;

  @ApiPropertyOptional({ example: '1.1.1', description: 'Version of the restored config; default: next patch of the current version' })
  @IsOptional()
  @IsString()
  @Matches(SEMVER_PATTERN)
  new_version?: string;
}
