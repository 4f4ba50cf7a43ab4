import { ApiPropertyOptional } from '@nestjs/swagger';

export class PageDto {
  @ApiPropertyOptional({ type: 'array', items: { type: 'object' } })
  items!: Record<string, unknown>[];

  @ApiPropertyOptional({ type: String, nullable: true })
  nextCursor!: string | null;
}
