import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { JourneyAnalyticsDto, JourneyDetailDto, JourneyDto, JourneyFunnelDto, toJourneyDetailDto, toJourneyDto, type Page } from '@buddie/api-contract';
import { journeyAnalytics, NotFoundError, type Clock } from '@buddie/domain';
import { EscalationRepository, JourneyRepository } from '@buddie/persistence';
import { CLOCK } from '@buddie/runtime';
import { JourneyPageDto } from '../common/page.dto';
import { RecordIdParam } from '../common/record-id.param';
import { journeyFunnel } from './journey-funnel';
import { JourneyAnalyticsQuery, JourneyListQuery } from './journeys.dto';

const FUNNEL_SAMPLE = 1000;
/** Analytics read at most this many journeys per call; a wider range should be narrowed by flow or time. */
const ANALYTICS_MAX = 20_000;

@ApiTags('journeys')
@ApiSecurity('api-key')
@Controller('api/v1/journeys')
export class JourneysController {
  constructor(
    private readonly journeys: JourneyRepository,
    private readonly escalations: EscalationRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Newest first; by outcome or entry flow, within a time range. */
  @Get()
  @ApiOkResponse({ type: JourneyPageDto })
  async list(@Query() query: JourneyListQuery): Promise<Page<JourneyDto>> {
    const page = await this.journeys.list({ limit: query.limit ?? 50, cursor: query.cursor, failed: query.failed, outcome: query.outcome, flowName: query.flow, from: query.from, to: query.to });
    return { items: page.items.map(toJourneyDto), nextCursor: page.nextCursor };
  }

  /** Containment, true containment, IVR abandonment, top failure steps and the per-step waterfall, per flow and hour or day. */
  @Get('analytics')
  @ApiOkResponse({ type: JourneyAnalyticsDto })
  async analytics(@Query() query: JourneyAnalyticsQuery): Promise<JourneyAnalyticsDto> {
    const to = query.to ?? this.clock.now().toISOString();
    const from = query.from ?? new Date(Date.parse(to) - 24 * 3_600_000).toISOString();
    const records = await this.journeys.listRange(from, to, ANALYTICS_MAX, query.flow);
    return { from, to, journeys: records.length, capped: records.length >= ANALYTICS_MAX, ...journeyAnalytics(records, { bucket: query.bucket ?? 'hour' }) };
  }

  /** The flow funnel over the newest journeys (a bounded sample, so the call stays cheap). */
  @Get('analytics/funnel')
  @ApiOkResponse({ type: JourneyFunnelDto })
  async funnel(): Promise<JourneyFunnelDto> {
    const items = await this.journeys.sample(FUNNEL_SAMPLE);
    return { journeys: items.length, steps: journeyFunnel(items) };
  }

  /** One contact's journey (the timeline) with the escalations opened on it. */
  @Get(':id')
  @ApiOkResponse({ type: JourneyDetailDto })
  async get(@Param() { id }: RecordIdParam): Promise<JourneyDetailDto> {
    const journey = await this.journeys.get(id);
    if (!journey) throw new NotFoundError('journey', id);
    return toJourneyDetailDto(journey, await this.escalations.listByContact(id));
  }
}
