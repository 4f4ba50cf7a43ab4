import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery } from '../common/page.query';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export const ID_PATTERN = /^[A-Za-z0-9_.:-]{1,256}$/;

export class JourneyListQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'only journeys with (true) or without (false) a detected failure' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  failed?: boolean;
}

export const ESCALATION_STATUSES = ['open', 'acknowledged', 'resolved'] as const;

export class EscalationListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ESCALATION_STATUSES, default: 'open' })
  @IsOptional()
  @IsIn(ESCALATION_STATUSES)
  status?: (typeof ESCALATION_STATUSES)[number];
}

export class EscalationActionBody {
  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class RecordIdParam {
  @Matches(ID_PATTERN, { message: 'id must be 1-256 letters, digits or . _ : -' })
  id!: string;
}

export class PageDto {
  @ApiPropertyOptional({ type: 'array', items: { type: 'object' } })
  items!: Record<string, unknown>[];

  @ApiPropertyOptional({ type: String, nullable: true })
  nextCursor!: string | null;
}
