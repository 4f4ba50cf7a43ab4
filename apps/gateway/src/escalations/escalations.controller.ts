import { Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiOkResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { EscalationDto, toEscalationDto, type Page } from '@buddie/api-contract';
import { NotFoundError } from '@buddie/domain';
import { EscalationRepository } from '@buddie/persistence';
import type { Principal } from '../auth/principal';
import { RequireScope } from '../auth/scope.decorator';
import { EscalationPageDto } from '../common/page.dto';
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
  @ApiOkResponse({ type: EscalationPageDto })
  async list(@Query() query: EscalationListQuery): Promise<Page<EscalationDto>> {
    const page = await this.escalations.listByStatus({ status: query.status ?? 'open', limit: query.limit ?? 50, cursor: query.cursor });
    return { items: page.items.map(toEscalationDto), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @ApiOkResponse({ type: EscalationDto })
  async get(@Param() { id }: RecordIdParam): Promise<EscalationDto> {
    const escalation = await this.escalations.get(id);
    if (!escalation) throw new NotFoundError('escalation', id);
    return toEscalationDto(escalation);
  }

  @Post(':id/acknowledge')
  @HttpCode(200)
  @RequireScope('write')
  @ApiOkResponse({ type: EscalationDto })
  async acknowledge(@Param() { id }: RecordIdParam, @Body() body: EscalationActionBody, @Req() request: { principal: Principal }): Promise<EscalationDto> {
    return toEscalationDto(await this.actions.apply(id, 'acknowledge', request.principal, body?.note));
  }

  @Post(':id/resolve')
  @HttpCode(200)
  @RequireScope('write')
  @ApiOkResponse({ type: EscalationDto })
  async resolve(@Param() { id }: RecordIdParam, @Body() body: EscalationActionBody, @Req() request: { principal: Principal }): Promise<EscalationDto> {
    return toEscalationDto(await this.actions.apply(id, 'resolve', request.principal, body?.note));
  }
}
