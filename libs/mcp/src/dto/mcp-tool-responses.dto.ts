import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageOf } from '@app/core';
import { TOOL_STATUSES, type ToolStatus } from '../entities/mcp-tool.entity';
import { CHANGE_TYPES, type ChangeType } from '../entities/mcp-tool-version.entity';
import type { ServerJson, ServerJsonPackage, ServerJsonRemote } from '../interchange/server-json.types';

const CONFIG_EXAMPLE = {
  servers: [{ name: 'weather-server', url: 'http://api.weather.com' }],
  tools: [{ name: 'get_weather', description: 'Get current weather for a location', parameters: { location: { type: 'string' } } }],
};

export class McpToolSummaryDto {
  @ApiProperty({ format: 'uuid', example: '770e8400-e29b-41d4-a716-446655440002' })
  id: string;

  @ApiProperty({ example: 'Weather MCP Tool' })
  name: string;

  @ApiProperty({ example: 'weather-tool' })
  slug: string;

  @ApiProperty({ type: String, nullable: true, example: 'Provides weather information via MCP protocol' })
  description: string | null;

  @ApiProperty({ example: '1.0.0' })
  version: string;

  @ApiProperty({ format: 'uuid' })
  author_id: string;

  @ApiProperty({ enum: TOOL_STATUSES })
  status: ToolStatus;

  @ApiProperty({ type: String, format: 'date-time' })
  created_at: Date;

  @ApiProperty({ type: String, format: 'date-time' })
  updated_at: Date;
}

export class McpToolDetailDto extends McpToolSummaryDto {
  @ApiProperty({ type: 'object', additionalProperties: true, example: CONFIG_EXAMPLE })
  config: Record<string, unknown>;
}

export class McpToolPageDto extends PageOf(McpToolSummaryDto) {}

export class McpToolVersionDto {
  @ApiProperty({ example: '1.1.0' })
  version: string;

  @ApiProperty({ type: String, format: 'date-time' })
  changed_at: Date;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The user the change was made by or on behalf of (e.g. the owner, for a sync); null when the platform acted alone',
  })
  changed_by: string | null;

  @ApiProperty({ enum: CHANGE_TYPES })
  change_type: ChangeType;

  @ApiProperty({ type: 'object', additionalProperties: true, example: CONFIG_EXAMPLE })
  config: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'For `sync`: the repository commit the version came from', example: '6113728f27ae82c7b1a177c8d03f9e96e0adf246' })
  commit_sha?: string;
}

export class McpToolHistoryDto {
  @ApiProperty({ type: [McpToolVersionDto], description: 'Newest first' })
  versions: McpToolVersionDto[];
}

class ServerJsonRemoteDto implements ServerJsonRemote {
  @ApiProperty({ enum: ['streamable-http', 'sse'] })
  type: 'streamable-http' | 'sse';

  @ApiProperty({ example: 'http://api.weather.com' })
  url: string;
}

class StdioTransportDto {
  @ApiProperty({ enum: ['stdio'] })
  type: 'stdio';
}

class ServerJsonPackageDto implements ServerJsonPackage {
  @ApiProperty({ enum: ['npm', 'pypi', 'oci'] })
  registryType: 'npm' | 'pypi' | 'oci';

  @ApiProperty({ example: '@modelcontextprotocol/server-filesystem' })
  identifier: string;

  @ApiPropertyOptional({ example: '1.2.3' })
  version?: string;

  @ApiPropertyOptional({ example: 'npx' })
  runtimeHint?: string;

  @ApiProperty({ type: StdioTransportDto })
  transport: StdioTransportDto;
}

/** An official MCP Registry `server.json` (schema 2025-09-29). */
export class ServerJsonDto implements ServerJson {
  @ApiProperty({ example: 'https://static.modelcontextprotocol.io/schemas/2025-09-29/server.schema.json' })
  $schema: string;

  @ApiProperty({ example: 'io.mcp-platform/weather-tool' })
  name: string;

  @ApiPropertyOptional({ example: 'Weather MCP Tool' })
  title?: string;

  @ApiProperty({ example: 'Provides weather information via MCP protocol' })
  description: string;

  @ApiProperty({ example: '1.0.0' })
  version: string;

  @ApiPropertyOptional({ type: [ServerJsonRemoteDto] })
  remotes?: ServerJsonRemoteDto[];

  @ApiPropertyOptional({ type: [ServerJsonPackageDto] })
  packages?: ServerJsonPackageDto[];

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'object', additionalProperties: true },
    description: 'Publisher data, keyed by reverse-DNS name; carries the tool definitions',
  })
  _meta?: Record<string, Record<string, unknown>>;
}
