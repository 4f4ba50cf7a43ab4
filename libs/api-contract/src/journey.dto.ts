import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class JourneyStepDto {
  @ApiProperty() label!: string;
  @ApiPropertyOptional() at?: string;
  @ApiPropertyOptional() failed?: boolean;
  @ApiPropertyOptional() error?: string;
}

export class JourneyFailureDto {
  @ApiPropertyOptional() step?: string;
  @ApiProperty() reason!: string;
}

/** One contact's IVR journey. */
export class JourneyDto {
  @ApiProperty() contactId!: string;
  @ApiProperty() failed!: boolean;
  @ApiProperty({ type: [JourneyStepDto] }) steps!: JourneyStepDto[];
  @ApiProperty({ type: [JourneyFailureDto] }) failures!: JourneyFailureDto[];
  @ApiPropertyOptional() startedAt?: string;
  @ApiPropertyOptional() endedAt?: string;
  @ApiPropertyOptional() updatedAt?: string;
}

/** What the live `journeys` room carries: the list row; the path is GET /api/v1/journeys/:id. */
export class JourneyBriefDto {
  @ApiProperty() contactId!: string;
  @ApiProperty() failed!: boolean;
  @ApiPropertyOptional() startedAt?: string;
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
