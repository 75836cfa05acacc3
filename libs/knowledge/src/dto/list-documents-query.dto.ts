import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, IsString } from 'class-validator';
import { PageQueryDto } from '@app/core';

export class ListDocumentsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Comma-separated; documents with any of these tags', example: 'mcp,protocol' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.split(',').map((t) => t.trim()).filter(Boolean) : value))
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  tags?: string[];
}
