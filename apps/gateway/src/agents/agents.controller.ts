import { Controller, Get, Param, Query } from '@nestjs/common';
import { NotFoundError, type AgentAlert } from '@buddie/domain';
import { AgentAlertRepository, AgentHistoryRepository, AgentStateRepository, type AgentHistoryEntry, type AgentStateItem, type Page } from '@buddie/persistence';
import { AgentIdParam, ListAgentsQuery, ListAlertsQuery, TimelineQuery } from './agents.dto';

/** The supervisor board's reads: current agent state, one agent's day, and alerts. */
@Controller('api/v1')
export class AgentsController {
  constructor(
    private readonly states: AgentStateRepository,
    private readonly history: AgentHistoryRepository,
    private readonly alerts: AgentAlertRepository,
  ) {}

  @Get('agents')
  list(@Query() query: ListAgentsQuery): Promise<Page<AgentStateItem>> {
    return this.states.list(query);
  }

  @Get('agents/:agentId')
  async get(@Param() { agentId }: AgentIdParam): Promise<AgentStateItem> {
    const agent = await this.states.get(agentId);
    if (!agent) throw new NotFoundError('agent', agentId);
    return agent;
  }

  @Get('agents/:agentId/timeline')
  async timeline(@Param() { agentId }: AgentIdParam, @Query() { date }: TimelineQuery): Promise<{ agentId: string; date: string; entries: AgentHistoryEntry[] }> {
    return { agentId, date, entries: await this.history.timeline(agentId, date) };
  }

  @Get('agent-alerts')
  listAlerts(@Query() query: ListAlertsQuery): Promise<Page<AgentAlert>> {
    return this.alerts.list({ status: query.status ?? 'open', agentId: query.agentId, limit: query.limit, cursor: query.cursor });
  }
}
