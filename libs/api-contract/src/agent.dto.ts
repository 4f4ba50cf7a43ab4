import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class AgentContactDto {
  @ApiProperty() contactId!: string;
  @ApiProperty() channel!: string;
  @ApiProperty() state!: string;
  @ApiProperty() since!: string;
  @ApiProperty({ type: String, nullable: true }) queueName!: string | null;
}

/** The board activities as libs/domain lists them (BOARD_ACTIVITIES); agent.mapper.ts checks at compile time that both agree. */
export const BOARD_ACTIVITY_VALUES = ['available', 'incoming', 'on-contact', 'on-hold', 'after-contact-work', 'missed', 'custom', 'offline'] as const;
export type BoardActivityValue = (typeof BOARD_ACTIVITY_VALUES)[number];

/** One agent on the board: the same shape in REST, in the live snapshot and in AgentStateChanged. */
export class AgentDto {
  @ApiProperty() agentId!: string;
  /** Grows by one per change of the agent; a client keeps the highest it applied. */
  @ApiProperty() version!: number;
  @ApiProperty() username!: string;
  @ApiProperty() name!: string;
  /** Agent status name: Available, Offline or a custom status such as Break. */
  @ApiProperty() statusName!: string;
  @ApiProperty({ enum: ['ROUTABLE', 'CUSTOM', 'OFFLINE'] }) statusType!: string;
  @ApiProperty() statusSince!: string;
  @ApiProperty({ type: String, nullable: true }) nextStatusName!: string | null;
  @ApiProperty() activity!: string;
  @ApiProperty() activitySince!: string;
  /** What the board shows: status and contact state together (boardActivityOf in libs/domain). */
  @ApiProperty({ enum: BOARD_ACTIVITY_VALUES }) boardActivity!: BoardActivityValue;
  /** The status name for a custom status (Break, Lunch), otherwise the activity's own words. */
  @ApiProperty() boardActivityLabel!: string;
  @ApiProperty() boardActivitySince!: string;
  @ApiProperty() routingProfileName!: string;
  @ApiProperty({ type: [String] }) queueNames!: string[];
  @ApiProperty() loggedIn!: boolean;
  @ApiProperty() openAlerts!: number;
  @ApiProperty() alerting!: boolean;
  @ApiProperty({ type: [AgentContactDto] }) contacts!: AgentContactDto[];
  @ApiProperty() lastEventAt!: string;
}

export class AgentTimelineContactDto {
  @ApiProperty() contactId!: string;
  @ApiProperty() state!: string;
}

export class CompletedContactDto {
  @ApiProperty() contactId!: string;
  @ApiProperty() channel!: string;
  @ApiPropertyOptional() connectedAt?: string;
  @ApiProperty() holdSeconds!: number;
  @ApiProperty() holds!: number;
  @ApiPropertyOptional() acwStart?: string;
  @ApiPropertyOptional() acwEnd?: string;
  @ApiPropertyOptional() acwSeconds?: number;
  /** The offer was missed or rejected. */
  @ApiProperty() missed!: boolean;
}

export class AgentTimelineEntryDto {
  @ApiProperty() timestamp!: string;
  @ApiProperty() eventId!: string;
  @ApiProperty() eventType!: string;
  @ApiProperty() statusName!: string;
  @ApiProperty() activity!: string;
  @ApiProperty() activitySince!: string;
  @ApiProperty() loggedIn!: boolean;
  @ApiProperty({ type: [AgentTimelineContactDto] }) contacts!: AgentTimelineContactDto[];
  @ApiProperty({ type: [CompletedContactDto] }) completedContacts!: CompletedContactDto[];
}

export class AgentTimelineDto {
  @ApiProperty() agentId!: string;
  @ApiProperty() date!: string;
  @ApiProperty({ type: [AgentTimelineEntryDto] }) entries!: AgentTimelineEntryDto[];
}

/** One alert: the same shape in REST, in the live snapshot and in AgentAlertRaised/Cleared. */
export class AgentAlertDto {
  @ApiProperty() id!: string;
  @ApiProperty() agentId!: string;
  @ApiProperty() ruleId!: string;
  @ApiProperty({ enum: ['info', 'warning', 'critical'] }) severity!: string;
  @ApiProperty() message!: string;
  @ApiProperty() startedAt!: string;
  @ApiProperty() raisedAt!: string;
  @ApiProperty({ type: String, nullable: true }) clearedAt!: string | null;
  /** Seconds the condition had held at the last evaluation. */
  @ApiProperty() lastValue!: number;
  @ApiProperty({ enum: ['open', 'cleared'] }) status!: 'open' | 'cleared';
}

/** An alert rule as validated by the domain's validateAlertRules (condition and scope as documented there). */
export class AlertRuleDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() enabled!: boolean;
  @ApiProperty({ type: 'object', additionalProperties: true }) condition!: object;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) scope?: object;
  @ApiProperty({ enum: ['info', 'warning', 'critical'] }) severity!: string;
}

export class AlertRuleSetDto {
  @ApiProperty({ type: [AlertRuleDto] }) rules!: AlertRuleDto[];
}
