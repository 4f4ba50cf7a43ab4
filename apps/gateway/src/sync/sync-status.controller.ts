import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiSecurity, ApiTags } from '@nestjs/swagger';
import { NotFoundError } from '@buddie/domain';
import { ContactRepository, type Page } from '@buddie/persistence';
import { PageQuery } from '../common/page.query';
import { RecordIdParam } from '../common/record-id.param';
import { syncStatusOf, type SyncStatus } from './sync-status.mapper';

@ApiTags('sync')
@ApiSecurity('api-key')
@Controller('api/v1/sync-status')
export class SyncStatusController {
  constructor(private readonly contacts: ContactRepository) {}

  @Get()
  async list(@Query() query: PageQuery): Promise<Page<SyncStatus>> {
    const page = await this.contacts.list({ limit: query.limit ?? 50, cursor: query.cursor });
    return { items: page.items.map(syncStatusOf), nextCursor: page.nextCursor };
  }

  @Get(':id')
  async get(@Param() { id }: RecordIdParam): Promise<SyncStatus> {
    const contact = await this.contacts.get(id);
    if (!contact) throw new NotFoundError('contact', id);
    return syncStatusOf(contact);
  }
}
