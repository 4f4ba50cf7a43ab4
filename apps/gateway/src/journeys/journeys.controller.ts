import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { NotFoundError } from '@buddie/domain';
import { JourneyRepository, type JourneyRecord, type Page } from '@buddie/persistence';
import { PageDto } from '../common/page.dto';
import { RecordIdParam } from '../common/record-id.param';
import { journeyFunnel, type FunnelStep } from './journey-funnel';
import { JourneyListQuery } from './journeys.dto';

const FUNNEL_SAMPLE = 1000;

@ApiTags('journeys')
@ApiSecurity('api-key')
@Controller('api/v1/journeys')
export class JourneysController {
  constructor(private readonly journeys: JourneyRepository) {}

  @Get()
  @ApiOkResponse({ type: PageDto })
  list(@Query() query: JourneyListQuery): Promise<Page<JourneyRecord>> {
    return this.journeys.list({ limit: query.limit ?? 50, cursor: query.cursor, failed: query.failed });
  }

  /** The flow funnel over the newest journeys (a bounded sample, so the call stays cheap). */
  @Get('analytics/funnel')
  async funnel(): Promise<{ journeys: number; steps: FunnelStep[] }> {
    const items = await this.journeys.sample(FUNNEL_SAMPLE);
    return { journeys: items.length, steps: journeyFunnel(items) };
  }

  @Get(':id')
  async get(@Param() { id }: RecordIdParam): Promise<JourneyRecord> {
    const journey = await this.journeys.get(id);
    if (!journey) throw new NotFoundError('journey', id);
    return journey;
  }
}
