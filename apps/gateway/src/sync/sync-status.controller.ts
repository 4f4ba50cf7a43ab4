import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { SyncStatusDto, toSyncStatusDto, type Page } from '@buddie/api-contract';
import { NotFoundError } from '@buddie/domain';
import { SyncStatusRepository } from '@buddie/persistence';
import { PageQuery } from '../common/page.query';
import { SyncStatusPageDto } from '../common/page.dto';
import { RecordIdParam } from '../common/record-id.param';

@ApiTags('sync')
@ApiSecurity('api-key')
@Controller('api/v1/sync-status')
export class SyncStatusController {
  constructor(private readonly sync: SyncStatusRepository) {}

  @Get()
  @ApiOkResponse({ type: SyncStatusPageDto })
  async list(@Query() query: PageQuery): Promise<Page<SyncStatusDto>> {
    const page = await this.sync.list({ limit: query.limit ?? 50, cursor: query.cursor });
    return { items: page.items.map(toSyncStatusDto), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @ApiOkResponse({ type: SyncStatusDto })
  async get(@Param() { id }: RecordIdParam): Promise<SyncStatusDto> {
    const status = await this.sync.get(id);
    if (!status) throw new NotFoundError('contact', id);
    return toSyncStatusDto(status);
  }
}
