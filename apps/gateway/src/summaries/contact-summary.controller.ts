import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiSecurity, ApiTags } from '@nestjs/swagger';
import { NotFoundError } from '@buddie/domain';
import { RecordIdParam } from '../common/record-id.param';
import { SUMMARIES, TableReader, type Item } from '../common/table-reader';

/** The summary behind one contact, for the call list's detail pane (read straight from the summaries table). */
@ApiTags('contacts')
@ApiSecurity('api-key')
@Controller('api/v1/contacts')
export class ContactSummaryController {
  constructor(@Inject(SUMMARIES) private readonly summaries: TableReader) {}

  @Get(':id/summary')
  async summary(@Param() { id }: RecordIdParam): Promise<Item> {
    const summary = await this.summaries.get({ contactId: id });
    if (!summary) throw new NotFoundError('summary', id);
    return summary;
  }
}
