import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req } from '@nestjs/common';
import { ApiOkResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { NotFoundError } from '@buddie/domain';
import { ContactRepository, type Page } from '@buddie/persistence';
import type { Principal } from '../auth/principal';
import { RequireScope } from '../auth/scope.decorator';
import { EscalationActions } from './escalations.service';
import { journeyFunnel, type FunnelStep } from './journey-funnel';
import { EscalationActionBody, EscalationListQuery, JourneyListQuery, PageDto, RecordIdParam } from './records.dto';
import { PageQuery } from '../common/page.query';
import { syncStatusOf, type SyncStatus } from './sync-status';
import { ESCALATIONS, JOURNEYS, SUMMARIES, TableReader, type Item } from './table-reader';

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

@ApiTags('escalations')
@ApiSecurity('api-key')
@Controller('api/v1/escalations')
export class EscalationsController {
  constructor(
    @Inject(ESCALATIONS) private readonly escalations: TableReader,
    private readonly actions: EscalationActions,
  ) {}

  @Get()
  @ApiOkResponse({ type: PageDto })
  list(@Query() query: EscalationListQuery): Promise<Page<Item>> {
    return this.escalations.query('byStatus', { name: 'status', value: query.status ?? 'open' }, { limit: query.limit ?? 50, cursor: query.cursor });
  }

  @Get(':id')
  async get(@Param() { id }: RecordIdParam): Promise<Item> {
    const escalation = await this.escalations.get({ escalationId: id });
    if (!escalation) throw new NotFoundError('escalation', id);
    return escalation;
  }

  @Post(':id/acknowledge')
  @HttpCode(200)
  @RequireScope('write')
  acknowledge(@Param() { id }: RecordIdParam, @Body() body: EscalationActionBody, @Req() request: { principal: Principal }): Promise<Item> {
    return this.actions.apply(id, 'acknowledge', request.principal, body?.note);
  }

  @Post(':id/resolve')
  @HttpCode(200)
  @RequireScope('write')
  resolve(@Param() { id }: RecordIdParam, @Body() body: EscalationActionBody, @Req() request: { principal: Principal }): Promise<Item> {
    return this.actions.apply(id, 'resolve', request.principal, body?.note);
  }
}

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
