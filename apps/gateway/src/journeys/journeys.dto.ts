import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsISO8601, IsOptional, IsString, MaxLength } from 'class-validator';
import { JOURNEY_OUTCOMES, type JourneyOutcome } from '@buddie/domain';
import { PageQuery } from '../common/page.query';

export class JourneyListQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'only journeys with (true) or without (false) a detected failure' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  failed?: boolean;

  @ApiPropertyOptional({ enum: JOURNEY_OUTCOMES })
  @IsOptional()
  @IsIn(JOURNEY_OUTCOMES)
  outcome?: JourneyOutcome;

  @ApiPropertyOptional({ description: 'entry flow name, exactly' })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  flow?: string;

  @ApiPropertyOptional({ description: 'journeys that started at or after (ISO 8601)' })
  @IsOptional()
  @IsISO8601()
  from?: string;

  @ApiPropertyOptional({ description: 'journeys that started at or before (ISO 8601)' })
  @IsOptional()
  @IsISO8601()
  to?: string;
}

export class JourneyAnalyticsQuery {
  @ApiPropertyOptional({ description: 'start of the range (ISO 8601); default 24 hours before `to`' })
  @IsOptional()
  @IsISO8601()
  from?: string;

  @ApiPropertyOptional({ description: 'end of the range (ISO 8601); default now' })
  @IsOptional()
  @IsISO8601()
  to?: string;

  @ApiPropertyOptional({ enum: ['hour', 'day'], default: 'hour' })
  @IsOptional()
  @IsIn(['hour', 'day'])
  bucket?: 'hour' | 'day';

  @ApiPropertyOptional({ description: 'entry flow name, exactly' })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  flow?: string;
}
