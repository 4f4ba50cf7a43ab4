import { ApiProperty } from '@nestjs/swagger';

/** Cursor pagination, the same on every list endpoint: follow nextCursor until it is null. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

type DtoClass = abstract new (...args: never[]) => object;

/** A named OpenAPI page schema for one item DTO (OpenAPI has no generics). */
export function PageOf(item: DtoClass, name: string): DtoClass {
  abstract class PageDto {
    @ApiProperty({ type: [item] })
    items!: unknown[];

    @ApiProperty({ type: String, nullable: true, description: 'the cursor of the next page; null on the last one' })
    nextCursor!: string | null;
  }
  Object.defineProperty(PageDto, 'name', { value: name });
  return PageDto;
}
