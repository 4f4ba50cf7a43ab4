import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { JourneyDto, JourneyFunnelDto, toJourneyDto, type Page } from '@buddie/api-contract';
import { NotFoundError } from '@buddie/domain';
import { JourneyRepository } from '@buddie/persistence';
import { JourneyPageDto } from '../common/page.dto';
import { RecordIdParam } from '../common/record-id.param';
import { journeyFunnel } from './journey-funnel';
import { JourneyListQuery } from './journeys.dto';

const FUNNEL_SAMPLE = 1000;

@ApiTags('journeys')
@ApiSecurity('api-key')
@Controller('api/v1/journeys')
export class JourneysController {
  constructor(private readonly journeys: JourneyRepository) {}

  @Get()
  @ApiOkResponse({ type: JourneyPageDto })
  async list(@Query() query: JourneyListQuery): Promise<Page<JourneyDto>> {
    const page = await this.journeys.list({ limit: query.limit ?? 50, cursor: query.cursor, failed: query.failed });
    return { items: page.items.map(toJourneyDto), nextCursor: page.nextCursor };
  }

  /** The flow funnel over the newest journeys (a bounded sample, so the call stays cheap). */
  @Get('analytics/funnel')
  @ApiOkResponse({ type: JourneyFunnelDto })
  async funnel(): Promise<JourneyFunnelDto> {
    const items = await this.journeys.sample(FUNNEL_SAMPLE);
    return { journeys: items.length, steps: journeyFunnel(items) };
  }

  @Get(':id')
  @ApiOkResponse({ type: JourneyDto })
  async get(@Param() { id }: RecordIdParam): Promise<JourneyDto> {
    const journey = await this.journeys.get(id);
    if (!journey) throw new NotFoundError('journey', id);
    return toJourneyDto(journey);
  }
}
