import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { toSummaryDto, type Page, type SummaryDto } from '@buddie/api-contract';
import { SummaryRepository } from '@buddie/persistence';
import { PageQuery } from '../common/page.query';
import { SummaryPageDto } from '../common/page.dto';

/**
 * Summarized contacts, page by page (the API key guard is global). One contact's summary, or the
 * reason it has none, is GET /api/v1/contacts/:id/summary (ContactSummaryController).
 */
@ApiTags('summaries')
@ApiSecurity('api-key')
@Controller('api/v1/summaries')
export class SummariesController {
  constructor(private readonly summaries: SummaryRepository) {}

  /** Full pages of `limit` summaries; follow nextCursor until it is null. */
  @Get()
  @ApiOkResponse({ type: SummaryPageDto })
  async list(@Query() query: PageQuery): Promise<Page<SummaryDto>> {
    const page = await this.summaries.list({ limit: query.limit, cursor: query.cursor });
    return { items: page.items.map(toSummaryDto), nextCursor: page.nextCursor };
  }
}
