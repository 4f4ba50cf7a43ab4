import { Controller, Get, Query } from '@nestjs/common';
import { ApiSecurity, ApiTags } from '@nestjs/swagger';
import { SummaryRepository, type Page, type SummaryRecord } from '@buddie/persistence';
import { PageQuery } from '../common/page.query';

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
  list(@Query() query: PageQuery): Promise<Page<SummaryRecord>> {
    return this.summaries.list({ limit: query.limit, cursor: query.cursor });
  }
}
