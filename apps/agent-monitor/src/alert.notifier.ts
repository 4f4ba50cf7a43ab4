import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { AgentAlert } from '@buddie/domain';

export const SNS_CLIENT = Symbol('SNS_CLIENT');

/** SNS adapter for alert notifications (pager, e-mail, chat webhooks subscribe to the topic). */
export class AlertNotifier {
  constructor(
    private readonly sns: SNSClient | undefined,
    private readonly topicArn: string | undefined,
  ) {}

  get enabled(): boolean {
    return this.sns !== undefined && this.topicArn !== undefined;
  }

  async notify(kind: 'AgentAlertRaised' | 'AgentAlertCleared', alert: AgentAlert): Promise<void> {
    if (!this.sns || !this.topicArn) return;
    await this.sns.send(
      new PublishCommand({
        TopicArn: this.topicArn,
        Subject: `${kind === 'AgentAlertRaised' ? 'Alert' : 'Cleared'} [${alert.severity}] ${alert.ruleId}`.slice(0, 100),
        Message: JSON.stringify({ type: kind, alert }),
        MessageAttributes: {
          type: { DataType: 'String', StringValue: kind },
          severity: { DataType: 'String', StringValue: alert.severity },
          agentId: { DataType: 'String', StringValue: alert.agentId },
        },
      }),
    );
  }
}
