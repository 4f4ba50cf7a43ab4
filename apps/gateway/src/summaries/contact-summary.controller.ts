import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { SummaryDto, toSummaryDto } from '@buddie/api-contract';
import { NotFoundError } from '@buddie/domain';
import { SummaryRepository } from '@buddie/persistence';
import { RecordIdParam } from '../common/record-id.param';

/** The summary behind one contact (or the reason it has none), for the call list's detail pane. */
@ApiTags('contacts')
@ApiSecurity('api-key')
@Controller('api/v1/contacts')
export class ContactSummaryController {
  constructor(private readonly summaries: SummaryRepository) {}

  @Get(':id/summary')
  @ApiOkResponse({ type: SummaryDto })
  async summary(@Param() { id }: RecordIdParam): Promise<SummaryDto> {
    const summary = await this.summaries.get(id);
    if (!summary) throw new NotFoundError('summary', id);
    return toSummaryDto(summary);
  }
}
