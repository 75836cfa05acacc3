import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AnyJson } from '@app/core';

const OBJECT = { type: 'object', additionalProperties: true } as const;

/** A tool as the upstream lists it (MCP `Tool`). */
export class GatewayToolDto {
  @ApiProperty({ example: 'get_weather' })
  name: string;

  @ApiPropertyOptional()
  title?: string;

  @ApiPropertyOptional({ example: 'Get current weather for a location' })
  description?: string;

  @ApiProperty({ ...OBJECT, description: 'JSON Schema of the arguments', example: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] } })
  inputSchema: Record<string, unknown>;

  @ApiPropertyOptional({ ...OBJECT, description: 'JSON Schema of structuredContent' })
  outputSchema?: Record<string, unknown>;

  @ApiPropertyOptional(OBJECT)
  annotations?: Record<string, unknown>;
}

export class GatewayToolsDto {
  @ApiProperty({ type: [GatewayToolDto] })
  tools: GatewayToolDto[];
}

/** Whatever the tool answered: its structuredContent, its text parsed as JSON, or `{content}`. */
@AnyJson()
export class ToolCallResultDto {}

/** A JSON-RPC 2.0 response (MCP over Streamable HTTP, `application/json` answers). */
export class JsonRpcResponseDto {
  @ApiProperty({ enum: ['2.0'] })
  jsonrpc: '2.0';

  @ApiPropertyOptional({ oneOf: [{ type: 'string' }, { type: 'integer' }], nullable: true })
  id?: string | number | null;

  @ApiPropertyOptional({ ...OBJECT, example: { tools: [] } })
  result?: Record<string, unknown>;

  @ApiPropertyOptional({ ...OBJECT, example: { code: -32601, message: 'Method not found' } })
  error?: Record<string, unknown>;
}
