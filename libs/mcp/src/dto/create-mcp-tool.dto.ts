import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';

export const SLUG_PATTERN = /^[a-z0-9-]+$/;
export const SEMVER_PATTERN = /^\d+\.\d+\.\d+$/;

export class CreateMcpToolDto {
  @ApiProperty({ example: 'Weather MCP Tool', minLength: 1, maxLength: 255 })
  @IsString()
  @Length(1, 255)
  name: string;

  @ApiProperty({ example: 'weather-tool', pattern: SLUG_PATTERN.source, minLength: 3, maxLength: 64 })
  @IsString()
  @Length(3, 64)
  @Matches(SLUG_PATTERN)
  slug: string;

  @ApiPropertyOptional({ example: 'Provides weather information via MCP protocol', maxLength: 10_000 })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  description?: string;

  @ApiProperty({ example: '1.0.0', pattern: SEMVER_PATTERN.source })
  @IsString()
  @Matches(SEMVER_PATTERN)
  version: string;

  @ApiProperty({
    description: 'servers[] (name + http(s) url, or command + args for stdio) and tools[] (name, description, parameters)',
    example: {
      servers: [{ name: 'weather-server', url: 'http://api.weather.com' }],
      tools: [{ name: 'get_weather', description: 'Get current weather for a location', parameters: { location: { type: 'string', description: 'City name or coordinates' } } }],
    },
  })
  @IsObject()
  config: Record<string, unknown>;
}
