import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { NotFoundError } from '@buddie/domain';
import type { Page } from '@buddie/persistence';
import { PageDto } from '../common/page.dto';
import { RecordIdParam } from '../common/record-id.param';
import { JOURNEYS, TableReader, type Item } from '../common/table-reader';
import { journeyFunnel, type FunnelStep } from './journey-funnel';
import { JourneyListQuery } from './journeys.dto';

const FUNNEL_SAMPLE = 1000;

@ApiTags('journeys')
@ApiSecurity('api-key')
@Controller('api/v1/journeys')
export class JourneysController {
  constructor(@Inject(JOURNEYS) private readonly journeys: TableReader) {}

  @Get()
  @ApiOkResponse({ type: PageDto })
  list(@Query() query: JourneyListQuery): Promise<Page<Item>> {
    return this.journeys.scan({ limit: query.limit ?? 50, cursor: query.cursor, equals: { failed: query.failed } });
  }

  /** The flow funnel over the newest journeys (a bounded sample, so the call stays cheap). */
  @Get('analytics/funnel')
  async funnel(): Promise<{ journeys: number; steps: FunnelStep[] }> {
    const items: Item[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.journeys.scan({ limit: 500, cursor });
      items.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor && items.length < FUNNEL_SAMPLE);
    return { journeys: items.length, steps: journeyFunnel(items) };
  }

  @Get(':id')
  async get(@Param() { id }: RecordIdParam): Promise<Item> {
    const journey = await this.journeys.get({ contactId: id });
    if (!journey) throw new NotFoundError('journey', id);
    return journey;
  }
}
