import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { AlertRuleDto, AlertRuleSetDto } from '@buddie/api-contract';
import { InvalidInputError, NotFoundError, validateAlertRules, type AlertRule } from '@buddie/domain';
import { AlertRuleRepository } from '@buddie/persistence';
import { RuleIdParam } from './agents.dto';

function validOne(body: unknown): AlertRule {
  const result = validateAlertRules([body]);
  if (!result.ok) {
    throw new InvalidInputError('the alert rule is not valid', { issues: result.issues.map((issue) => ({ ...issue, path: issue.path.replace(/^\[0\]\.?/, '') })) });
  }
  return result.rules[0];
}

/**
 * Alert rule CRUD. Bodies are validated by the same domain function the monitor applies to a rules
 * file; the monitor picks changes up on its next refresh. (Bodies are typed unknown on purpose: the
 * global ValidationPipe leaves them to validateAlertRules, which reports every issue.)
 */
@ApiTags('agents')
@ApiSecurity('api-key')
@Controller('api/v1/agent-alert-rules')
export class AgentAlertRulesController {
  constructor(private readonly rules: AlertRuleRepository) {}

  @Get()
  @ApiOkResponse({ type: AlertRuleSetDto })
  async list(): Promise<{ rules: AlertRule[] }> {
    return { rules: await this.rules.list() };
  }

  /** Replace the whole set (an array or `{ rules: [...] }`). */
  @Put()
  @ApiOkResponse({ type: AlertRuleSetDto })
  async replaceAll(@Body() body: unknown): Promise<{ rules: AlertRule[] }> {
    const result = validateAlertRules(body);
    if (!result.ok) throw new InvalidInputError('the alert rules are not valid', { issues: result.issues });
    await this.rules.replaceAll(result.rules);
    return { rules: result.rules };
  }

  @Post()
  @HttpCode(201)
  @ApiCreatedResponse({ type: AlertRuleDto })
  async create(@Body() body: unknown): Promise<AlertRule> {
    const rule = validOne(body);
    if (await this.rules.get(rule.id)) throw new InvalidInputError(`rule ${rule.id} already exists; use PUT /api/v1/agent-alert-rules/${rule.id}`);
    await this.rules.put(rule);
    return rule;
  }

  @Get(':ruleId')
  @ApiOkResponse({ type: AlertRuleDto })
  async get(@Param() { ruleId }: RuleIdParam): Promise<AlertRule> {
    const rule = await this.rules.get(ruleId);
    if (!rule) throw new NotFoundError('alert rule', ruleId);
    return rule;
  }

  @Put(':ruleId')
  @ApiOkResponse({ type: AlertRuleDto })
  async upsert(@Param() { ruleId }: RuleIdParam, @Body() body: unknown): Promise<AlertRule> {
    const rule = validOne(typeof body === 'object' && body !== null && !Array.isArray(body) ? { ...body, id: ruleId } : body);
    await this.rules.put(rule);
    return rule;
  }

  @Delete(':ruleId')
  @HttpCode(204)
  async remove(@Param() { ruleId }: RuleIdParam): Promise<void> {
    if (!(await this.rules.delete(ruleId))) throw new NotFoundError('alert rule', ruleId);
  }
}
