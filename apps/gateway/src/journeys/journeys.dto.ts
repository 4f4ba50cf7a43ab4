import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { PageQuery } from '../common/page.query';

export class JourneyListQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'only journeys with (true) or without (false) a detected failure' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  failed?: boolean;
}
