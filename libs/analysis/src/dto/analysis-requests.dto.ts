import { ApiProperty } from '@nestjs/swagger';
import { IsObject, IsUUID } from 'class-validator';

export class FeasibilityRequestDto {
  @ApiProperty({
    description: 'The proposed tool: name, description, requirements and optionally servers/tools',
    example: {
      name: 'Database Query Tool',
      description: 'Execute SQL queries on production database',
      requirements: { database_access: true, read_only: false },
    },
  })
  @IsObject()
  config: Record<string, unknown>;
}

export class ImprovementsRequestDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  tool_id: string;
}

export class GenerateConfigRequestDto {
  @ApiProperty({
    example: { tool_type: 'weather', features: ['current_weather', 'forecast', 'alerts'], data_sources: ['openweathermap'] },
  })
  @IsObject()
  requirements: Record<string, unknown>;
}
