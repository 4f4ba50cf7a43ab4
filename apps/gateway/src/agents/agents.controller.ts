import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { AgentDto, AgentTimelineDto, toAgentAlertDto, toAgentDto, toAgentTimelineDto, type AgentAlertDto, type Page } from '@buddie/api-contract';
import { NotFoundError } from '@buddie/domain';
import { AgentAlertRepository, AgentHistoryRepository, AgentStateRepository } from '@buddie/persistence';
import { AgentAlertPageDto, AgentPageDto } from '../common/page.dto';
import { AgentIdParam, ListAgentsQuery, ListAlertsQuery, TimelineQuery } from './agents.dto';

/** The supervisor board's reads: current agent state, one agent's day, and alerts. */
@ApiTags('agents')
@ApiSecurity('api-key')
@Controller('api/v1')
export class AgentsController {
  constructor(
    private readonly states: AgentStateRepository,
    private readonly history: AgentHistoryRepository,
    private readonly alerts: AgentAlertRepository,
  ) {}

  @Get('agents')
  @ApiOkResponse({ type: AgentPageDto })
  async list(@Query() query: ListAgentsQuery): Promise<Page<AgentDto>> {
    const page = await this.states.list(query);
    return { items: page.items.map(toAgentDto), nextCursor: page.nextCursor };
  }

  @Get('agents/:agentId')
  @ApiOkResponse({ type: AgentDto })
  async get(@Param() { agentId }: AgentIdParam): Promise<AgentDto> {
    const agent = await this.states.get(agentId);
    if (!agent) throw new NotFoundError('agent', agentId);
    return toAgentDto(agent);
  }

  @Get('agents/:agentId/timeline')
  @ApiOkResponse({ type: AgentTimelineDto })
  async timeline(@Param() { agentId }: AgentIdParam, @Query() { date }: TimelineQuery): Promise<AgentTimelineDto> {
    return toAgentTimelineDto(agentId, date, await this.history.timeline(agentId, date));
  }

  @Get('agent-alerts')
  @ApiOkResponse({ type: AgentAlertPageDto })
  async listAlerts(@Query() query: ListAlertsQuery): Promise<Page<AgentAlertDto>> {
    const page = await this.alerts.list({ status: query.status ?? 'open', agentId: query.agentId, limit: query.limit, cursor: query.cursor });
    return { items: page.items.map(toAgentAlertDto), nextCursor: page.nextCursor };
  }
}
