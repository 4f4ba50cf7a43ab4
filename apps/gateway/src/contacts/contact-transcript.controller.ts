import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { toTranscriptDto, TranscriptDto } from '@buddie/api-contract';
import { NotFoundError } from '@buddie/domain';
import { SummaryRepository } from '@buddie/persistence';
import { RecordIdParam } from '../common/record-id.param';
import { RedactedTranscriptStore } from './redacted-transcript.store';

/** The redacted transcript behind a call's summary, for the call detail pane (read scope: PII is already masked). */
@ApiTags('contacts')
@ApiSecurity('api-key')
@Controller('api/v1/contacts')
export class ContactTranscriptController {
  constructor(
    private readonly summaries: SummaryRepository,
    private readonly transcripts: RedactedTranscriptStore,
  ) {}

  @Get(':id/transcript')
  @ApiOkResponse({ type: TranscriptDto })
  async transcript(@Param() { id }: RecordIdParam): Promise<TranscriptDto> {
    // Only contacts the summarizer got as far as a redacted transcript for; the summary record says so.
    const summary = await this.summaries.get(id);
    const transcript = summary?.transcriptLocation ? await this.transcripts.get(id) : undefined;
    if (!transcript) throw new NotFoundError('transcript', id);
    return toTranscriptDto(id, transcript);
  }
}
