import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQuery } from '../common/page.query';

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
