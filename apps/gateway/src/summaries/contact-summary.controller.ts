import { Controller, Get, Param } from '@nestjs/common';
import { ApiSecurity, ApiTags } from '@nestjs/swagger';
import { NotFoundError } from '@buddie/domain';
import { SummaryRepository, type SummaryRecord } from '@buddie/persistence';
import { RecordIdParam } from '../common/record-id.param';

/** The summary behind one contact (or the reason it has none), for the call list's detail pane. */
@ApiTags('contacts')
@ApiSecurity('api-key')
@Controller('api/v1/contacts')
export class ContactSummaryController {
  constructor(private readonly summaries: SummaryRepository) {}

  @Get(':id/summary')
  async summary(@Param() { id }: RecordIdParam): Promise<SummaryRecord> {
    const summary = await this.summaries.get(id);
    if (!summary) throw new NotFoundError('summary', id);
    return summary;
  }
}
