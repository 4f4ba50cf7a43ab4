import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { ESCALATION_STATUSES, type EscalationStatus } from '@buddie/persistence';
import { PageQuery } from '../common/page.query';

export class EscalationListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ESCALATION_STATUSES, default: 'open' })
  @IsOptional()
  @IsIn(ESCALATION_STATUSES)
  status?: EscalationStatus;
}

export class EscalationActionBody {
  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}
