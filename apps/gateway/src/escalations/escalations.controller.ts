import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req } from '@nestjs/common';
import { ApiOkResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { NotFoundError } from '@buddie/domain';
import type { Page } from '@buddie/persistence';
import type { Principal } from '../auth/principal';
import { RequireScope } from '../auth/scope.decorator';
import { PageDto } from '../common/page.dto';
import { RecordIdParam } from '../common/record-id.param';
import { ESCALATIONS, TableReader, type Item } from '../common/table-reader';
import { EscalationActions } from './escalation-actions.service';
import { EscalationActionBody, EscalationListQuery } from './escalations.dto';

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
