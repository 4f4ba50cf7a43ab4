import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { EscalationDto, FAILURE_SEVERITIES } from './escalation.dto';

// The domain's value sets, spelled here so the dashboard compiles against this folder alone; the mappers
// assign domain values to these types, so a drift fails the build.
export const JOURNEY_OUTCOMES = ['contained', 'routed-to-agent', 'abandoned-in-ivr', 'abandoned-in-queue', 'failed', 'in-progress'] as const;
export const FLOW_OUTCOMES = ['TRANSFERRED_TO_QUEUE', 'TRANSFERRED_TO_PHONE_NUMBER', 'TRANSFERRED_TO_FLOW', 'DISCONNECTED_PARTICIPANT', 'DROPPED', 'ENDED_FLOW_EXECUTION', 'UNKNOWN'] as const;
export const FAILURE_KINDS = ['error-branch', 'lambda-error', 'input-retries', 'menu-loop', 'flow-error-disconnect', 'ivr-abandon', 'queue-abandon', 'repeat-caller'] as const;
export const STEP_KINDS = ['prompt', 'input', 'lambda', 'check', 'set', 'queue', 'transfer', 'disconnect', 'logging', 'other'] as const;
export const STEP_STATUSES = ['ok', 'error', 'timeout', 'no-match', 'no-result'] as const;

export class JourneyInputDto {
  @ApiProperty({ description: 'what the caller entered; card, account and PIN digits masked' }) value!: string;
  @ApiProperty() masked!: boolean;
}

/** One block the caller went through. Block parameters and Lambda results are not served (they can hold customer data). */
export class JourneyStepDto {
  @ApiProperty() index!: number;
  @ApiProperty({ enum: ['flow-log', 'ctr-attributes'] }) source!: 'flow-log' | 'ctr-attributes';
  @ApiProperty({ type: String, nullable: true }) flowName!: string | null;
  @ApiProperty() flowDepth!: number;
  @ApiProperty() moduleType!: string;
  @ApiProperty({ type: String, nullable: true }) identifier!: string | null;
  @ApiProperty() label!: string;
  @ApiProperty({ enum: STEP_KINDS }) kind!: (typeof STEP_KINDS)[number];
  @ApiProperty({ enum: STEP_STATUSES }) status!: (typeof STEP_STATUSES)[number];
  @ApiProperty({ type: String, nullable: true, description: 'the branch or result, masked' }) results!: string | null;
  @ApiProperty() startedAt!: string;
  @ApiProperty({ type: String, nullable: true }) endedAt!: string | null;
  @ApiProperty({ type: Number, nullable: true }) durationMs!: number | null;
  @ApiPropertyOptional({ description: 'what the caller heard' }) prompt?: string;
  @ApiPropertyOptional({ type: JourneyInputDto }) input?: JourneyInputDto;
  @ApiPropertyOptional() attempts?: number;
}

export class JourneyFailureDto {
  @ApiProperty({ enum: FAILURE_KINDS }) kind!: (typeof FAILURE_KINDS)[number];
  @ApiProperty({ enum: FAILURE_SEVERITIES }) severity!: (typeof FAILURE_SEVERITIES)[number];
  @ApiProperty({ type: Number, nullable: true }) stepIndex!: number | null;
  @ApiProperty({ type: String, nullable: true }) stepLabel!: string | null;
  @ApiProperty({ type: String, nullable: true }) flowName!: string | null;
  @ApiProperty({ description: 'why, for a supervisor' }) reason!: string;
}

export class JourneyFlowDto {
  @ApiProperty({ type: String, nullable: true }) flowName!: string | null;
  @ApiProperty() depth!: number;
  @ApiProperty({ enum: ['entry', 'transfer', 'nested', 'return'] }) via!: 'entry' | 'transfer' | 'nested' | 'return';
  @ApiProperty() enteredAt!: string;
  @ApiProperty() firstStep!: number;
  @ApiProperty() lastStep!: number;
}

export class JourneyEndDto {
  @ApiProperty() index!: number;
  @ApiProperty() label!: string;
  @ApiProperty({ type: String, nullable: true }) flowName!: string | null;
}

/** One contact's IVR journey (the timeline). */
export class JourneyDto {
  @ApiProperty() contactId!: string;
  @ApiProperty() version!: number;
  @ApiProperty() assembledAt!: string;
  @ApiProperty({ enum: JOURNEY_OUTCOMES }) outcome!: (typeof JOURNEY_OUTCOMES)[number];
  @ApiProperty({ enum: FLOW_OUTCOMES, description: "Connect's flow outcome" }) flowOutcome!: (typeof FLOW_OUTCOMES)[number];
  @ApiProperty({ type: String, nullable: true }) entryFlowName!: string | null;
  @ApiProperty({ type: String, nullable: true }) channel!: string | null;
  @ApiProperty({ type: String, nullable: true }) startedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) endedAt!: string | null;
  @ApiProperty({ type: Number, nullable: true }) ivrMs!: number | null;
  @ApiProperty({ type: Number, nullable: true }) queueMs!: number | null;
  @ApiProperty({ type: String, nullable: true }) disconnectReason!: string | null;
  @ApiProperty() failed!: boolean;
  @ApiProperty({ type: [JourneyFailureDto] }) failures!: JourneyFailureDto[];
  @ApiProperty({ type: [JourneyStepDto] }) steps!: JourneyStepDto[];
  @ApiProperty({ type: [JourneyFlowDto] }) flows!: JourneyFlowDto[];
  @ApiProperty({ type: [String] }) prompts!: string[];
  @ApiProperty({ type: JourneyEndDto, nullable: true }) endedAtStep!: JourneyEndDto | null;
  @ApiProperty({ description: 'false when assembled without the CTR (grace period over)' }) hasContact!: boolean;
  @ApiProperty() entryCount!: number;
  @ApiProperty({ type: String, nullable: true, description: 'an earlier contact of the same caller within the repeat window' }) repeatOf!: string | null;
  @ApiPropertyOptional() stepsTruncated?: number;
}

/** GET /api/v1/journeys/:id: the journey and the escalations opened on its contact. */
export class JourneyDetailDto extends JourneyDto {
  @ApiProperty({ type: [EscalationDto] }) escalations!: EscalationDto[];
}

/** What the live `journeys` room carries: the list row; the path is GET /api/v1/journeys/:id. */
export class JourneyBriefDto {
  @ApiProperty() contactId!: string;
  @ApiProperty() failed!: boolean;
  @ApiPropertyOptional() version?: number;
  @ApiPropertyOptional({ enum: JOURNEY_OUTCOMES }) outcome?: (typeof JOURNEY_OUTCOMES)[number];
  @ApiPropertyOptional({ type: String, nullable: true }) entryFlowName?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) startedAt?: string | null;
  @ApiPropertyOptional() updatedAt?: string;
}

export class FunnelStepDto {
  @ApiProperty() step!: string;
  @ApiProperty() contacts!: number;
  /** Share of all journeys that reached this step, 0..1. */
  @ApiProperty() share!: number;
  @ApiProperty() failures!: number;
}

export class JourneyFunnelDto {
  @ApiProperty() journeys!: number;
  @ApiProperty({ type: [FunnelStepDto] }) steps!: FunnelStepDto[];
}

/** GET /api/v1/journeys/analytics (journeyAnalytics in libs/domain; the controller's return type checks the match). */
export class WaterfallStepDto {
  @ApiProperty({ description: 'flow name + block id' }) key!: string;
  @ApiProperty({ type: String, nullable: true }) flowName!: string | null;
  @ApiProperty() label!: string;
  @ApiProperty() moduleType!: string;
  @ApiProperty({ description: 'journeys that reached the block (once per journey)' }) reached!: number;
  @ApiProperty() advanced!: number;
  @ApiProperty() transferred!: number;
  @ApiProperty() disconnected!: number;
  @ApiProperty() timedOut!: number;
  @ApiProperty() noMatch!: number;
  @ApiProperty() errors!: number;
  @ApiProperty({ type: Number, nullable: true }) avgMs!: number | null;
  @ApiProperty({ type: Number, nullable: true }) p50Ms!: number | null;
}

export class FailureStepCountDto {
  @ApiProperty({ type: String, nullable: true }) flowName!: string | null;
  @ApiProperty() label!: string;
  @ApiProperty({ enum: FAILURE_KINDS }) kind!: (typeof FAILURE_KINDS)[number];
  @ApiProperty() count!: number;
}

export class JourneyStatsDto {
  @ApiProperty() contacts!: number;
  @ApiProperty() contained!: number;
  @ApiProperty({ description: 'contained, and no call from the same caller within the repeat window' }) trulyContained!: number;
  @ApiProperty() routedToAgent!: number;
  @ApiProperty() abandonedInIvr!: number;
  @ApiProperty() abandonedInQueue!: number;
  @ApiProperty() failed!: number;
  @ApiProperty() containmentRate!: number;
  @ApiProperty() trueContainmentRate!: number;
  @ApiProperty() ivrAbandonmentRate!: number;
  @ApiProperty({ type: Number, nullable: true }) avgIvrMs!: number | null;
  @ApiProperty({ type: [FailureStepCountDto] }) topFailureSteps!: FailureStepCountDto[];
}

export class JourneyBucketDto extends JourneyStatsDto {
  @ApiProperty() start!: string;
}

export class JourneyFlowAnalyticsDto {
  @ApiProperty() flowName!: string;
  @ApiProperty({ type: JourneyStatsDto }) totals!: JourneyStatsDto;
  @ApiProperty({ type: [JourneyBucketDto] }) buckets!: JourneyBucketDto[];
  @ApiProperty({ type: [WaterfallStepDto] }) waterfall!: WaterfallStepDto[];
}

export class JourneyAnalyticsDto {
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty() journeys!: number;
  @ApiProperty({ description: 'the range held more journeys than one call reads' }) capped!: boolean;
  @ApiProperty({ enum: ['hour', 'day'] }) bucket!: 'hour' | 'day';
  @ApiProperty({ type: JourneyStatsDto }) totals!: JourneyStatsDto;
  @ApiProperty({ type: [JourneyFlowAnalyticsDto] }) byFlow!: JourneyFlowAnalyticsDto[];
}
