import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiSecurity, ApiTags } from '@nestjs/swagger';
import { NotFoundError } from '@buddie/domain';
import { SyncStatusRepository, type Page, type SyncStatusRecord } from '@buddie/persistence';
import { PageQuery } from '../common/page.query';
import { RecordIdParam } from '../common/record-id.param';

@ApiTags('sync')
@ApiSecurity('api-key')
@Controller('api/v1/sync-status')
export class SyncStatusController {
  constructor(private readonly sync: SyncStatusRepository) {}

  @Get()
  list(@Query() query: PageQuery): Promise<Page<SyncStatusRecord>> {
    return this.sync.list({ limit: query.limit ?? 50, cursor: query.cursor });
  }

  @Get(':id')
  async get(@Param() { id }: RecordIdParam): Promise<SyncStatusRecord> {
    const status = await this.sync.get(id);
    if (!status) throw new NotFoundError('contact', id);
    return status;
  }
}
