import { type Type } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import type { Page } from './pagination';

/** The paging fields every list answer carries beside its items. */
export class PageMetaDto {
  @ApiProperty({ type: 'integer', minimum: 0 })
  total: number;

  @ApiProperty({ type: 'integer', minimum: 1 })
  page: number;

  @ApiProperty({ type: 'integer', minimum: 1 })
  page_size: number;

  @ApiProperty({ type: 'integer', minimum: 0 })
  pages: number;
}

/**
 * `PageOf(ItemDto)`: the response class of a paginated list, named `<Item>Page` in the OpenAPI
 * document (declare it once as `export class ToolPageDto extends PageOf(ToolDto) {}`).
 */
export function PageOf<T>(item: Type<T>): Type<Page<T>> {
  class PageDto extends PageMetaDto implements Page<T> {
    @ApiProperty({ type: () => [item] })
    items: T[];
  }
  return PageDto;
}
