import { Module, type DynamicModule } from '@nestjs/common';
import { physicalName, type GatewayConfig } from '@buddie/config';
import { AgentAlertRepository, AgentHistoryRepository, AgentStateRepository, AlertRuleRepository, TABLES, type DynamoDoc } from '@buddie/persistence';
import type { Clock } from '@buddie/domain';
import { CLOCK, DYNAMO_DOC } from '@buddie/runtime';
import { AgentAlertRulesController } from './agent-alert-rules.controller';
import { AgentsController } from './agents.controller';

/**
 * Agent board REST API: the agent-monitor writes these tables, the gateway reads them (and edits rules).
 * The global RouteAuthGuard (libs/runtime) covers these routes (read scope for GET, write otherwise).
 */
@Module({})
export class AgentsModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    const table = (logical: string) => physicalName(config, logical);
    const make = <T>(build: (doc: DynamoDoc, clock: Clock) => T) => ({ useFactory: build, inject: [DYNAMO_DOC, CLOCK] });
    return {
      module: AgentsModule,
      controllers: [AgentsController, AgentAlertRulesController],
      // The live snapshot reads the same repositories.
      exports: [AgentStateRepository, AgentAlertRepository],
      providers: [
        { provide: AgentStateRepository, ...make((doc) => new AgentStateRepository(doc, table(TABLES.agentStates.logicalName))) },
        { provide: AgentHistoryRepository, ...make((doc) => new AgentHistoryRepository(doc, table(TABLES.agentHistory.logicalName))) },
        { provide: AgentAlertRepository, ...make((doc) => new AgentAlertRepository(doc, table(TABLES.agentAlerts.logicalName))) },
        { provide: AlertRuleRepository, ...make((doc, clock) => new AlertRuleRepository(doc, table(TABLES.alertRules.logicalName), clock)) },
      ],
    };
  }
}
