import { PageQuery } from '../common/page.query';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, Matches } from 'class-validator';
import { AGENT_ACTIVITIES, BOARD_ACTIVITIES } from '@buddie/domain';

const NAME_OR_ARN = /^[\p{L}\p{N} ._@+:/-]{1,256}$/u;
const toBool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class ListAgentsQuery extends PageQuery {
  /** Agent status name: Available, Offline or a custom status such as Break. */
  @IsOptional()
  @Matches(NAME_OR_ARN, { message: 'status must be an agent status name' })
  status?: string;

  @IsOptional()
  @IsIn(AGENT_ACTIVITIES)
  activity?: string;

  /** What the board shows: available, incoming, on-contact, on-hold, after-contact-work, missed, custom, offline. */
  @IsOptional()
  @IsIn(BOARD_ACTIVITIES)
  boardActivity?: string;

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

export class ListAlertsQuery extends PageQuery {
  @IsOptional()
  @IsIn(['open', 'cleared'])
  status?: 'open' | 'cleared';

  @IsOptional()
  @Matches(/^[A-Za-z0-9-]{1,256}$/, { message: 'agentId must be an agent id' })
  agentId?: string;

}

export class RuleIdParam {
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, { message: 'ruleId must be a rule id' })
  ruleId!: string;
}
