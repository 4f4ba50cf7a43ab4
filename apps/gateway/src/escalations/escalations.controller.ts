import { Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiOkResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { NotFoundError } from '@buddie/domain';
import { EscalationRepository, type EscalationRecord, type Page } from '@buddie/persistence';
import type { Principal } from '../auth/principal';
import { RequireScope } from '../auth/scope.decorator';
import { PageDto } from '../common/page.dto';
import { RecordIdParam } from '../common/record-id.param';
import { EscalationActions } from './escalation-actions.service';
import { EscalationActionBody, EscalationListQuery } from './escalations.dto';

@ApiTags('escalations')
@ApiSecurity('api-key')
@Controller('api/v1/escalations')
export class EscalationsController {
  constructor(
    private readonly escalations: EscalationRepository,
    private readonly actions: EscalationActions,
  ) {}

  @Get()
  @ApiOkResponse({ type: PageDto })
  list(@Query() query: EscalationListQuery): Promise<Page<EscalationRecord>> {
    return this.escalations.listByStatus({ status: query.status ?? 'open', limit: query.limit ?? 50, cursor: query.cursor });
  }

  @Get(':id')
  async get(@Param() { id }: RecordIdParam): Promise<EscalationRecord> {
    const escalation = await this.escalations.get(id);
    if (!escalation) throw new NotFoundError('escalation', id);
    return escalation;
  }

  @Post(':id/acknowledge')
  @HttpCode(200)
  @RequireScope('write')
  acknowledge(@Param() { id }: RecordIdParam, @Body() body: EscalationActionBody, @Req() request: { principal: Principal }): Promise<EscalationRecord> {
    return this.actions.apply(id, 'acknowledge', request.principal, body?.note);
  }

  @Post(':id/resolve')
  @HttpCode(200)
  @RequireScope('write')
  resolve(@Param() { id }: RecordIdParam, @Body() body: EscalationActionBody, @Req() request: { principal: Principal }): Promise<EscalationRecord> {
    return this.actions.apply(id, 'resolve', request.principal, body?.note);
  }
}
