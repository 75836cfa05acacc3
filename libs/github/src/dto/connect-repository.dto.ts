import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Length, Matches, MaxLength } from 'class-validator';

/** Git's ref-name rules, simplified: no `..`, `//`, leading `-`/`/`/`.`, trailing `/`/`.`, or special characters. */
export const BRANCH_PATTERN = /^(?![-/.])(?!.*\.\.)(?!.*\/\/)[A-Za-z0-9._/-]+(?<![/.])$/;
/** A relative path to a JSON file inside the repository, never leaving it. */
export const MANIFEST_PATH_PATTERN = /^(?!\/)(?!.*(?:^|\/)\.\.?(?:\/|$))[A-Za-z0-9._/-]+\.json$/;

export class ConnectRepositoryDto {
  @ApiProperty({ example: 'https://github.com/username/mcp-tools', description: 'A repository on GITHUB_WEB_URL (`.git` suffix and trailing slash accepted)' })
  @IsString()
  @MaxLength(512)
  repository_url: string;

  @ApiProperty({ format: 'uuid', example: '770e8400-e29b-41d4-a716-446655440002' })
  @IsUUID()
  tool_id: string;

  @ApiProperty({ example: 'ghp_your_github_token', writeOnly: true, description: 'Stored encrypted; never returned' })
  @IsString()
  @Length(1, 255)
  access_token: string;

  @ApiPropertyOptional({ example: 'main', description: "Default: the repository's default branch" })
  @IsOptional()
  @IsString()
  @Length(1, 255)
  @Matches(BRANCH_PATTERN)
  branch?: string;

  @ApiPropertyOptional({
    example: 'mcp.json',
    description: 'Default `mcp.json` (a POST /api/v1/mcps body); a file named `server.json` is read in the official registry format',
  })
  @IsOptional()
  @IsString()
  @Length(1, 512)
  @Matches(MANIFEST_PATH_PATTERN)
  manifest_path?: string;
}
