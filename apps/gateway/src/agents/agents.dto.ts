import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { AGENT_ACTIVITIES } from '@buddie/domain';

const NAME_OR_ARN = /^[\p{L}\p{N} ._@+:/-]{1,256}$/u;
const CURSOR = /^[A-Za-z0-9_-]+$/;
const toBool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class ListAgentsQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @IsOptional()
  @IsString()
  @MaxLength(2048)
  @Matches(CURSOR, { message: 'cursor must be the opaque value returned as nextCursor' })
  cursor?: string;

  /** Agent status name: Available, Offline or a custom status such as Break. */
  @IsOptional()
  @Matches(NAME_OR_ARN, { message: 'status must be an agent status name' })
  status?: string;

  @IsOptional()
  @IsIn(AGENT_ACTIVITIES)
  activity?: string;

  @IsOptional()
  @Matches(NAME_OR_ARN, { message: 'queue must be a queue name or ARN' })
  queue?: string;

  @IsOptional()
  @Matches(NAME_OR_ARN, { message: 'routingProfile must be a routing profile name or ARN' })
  routingProfile?: string;

  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  alerting?: boolean;
}

export class AgentIdParam {
  @Matches(/^[A-Za-z0-9-]{1,256}$/, { message: 'agentId must be an agent id (the last part of the agent ARN)' })
  agentId!: string;
}

export class TimelineQuery {
  /** UTC day, YYYY-MM-DD. */
  @Matches(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: 'date must be a day as YYYY-MM-DD' })
  date!: string;
}

export class ListAlertsQuery {
  @IsOptional()
  @IsIn(['open', 'cleared'])
  status?: 'open' | 'cleared';

  @IsOptional()
  @Matches(/^[A-Za-z0-9-]{1,256}$/, { message: 'agentId must be an agent id' })
  agentId?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @IsOptional()
  @IsString()
  @MaxLength(2048)
  @Matches(CURSOR, { message: 'cursor must be the opaque value returned as nextCursor' })
  cursor?: string;
}

export class RuleIdParam {
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, { message: 'ruleId must be a rule id' })
  ruleId!: string;
}
