import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { EscalationNotice } from '@buddie/domain';

/** SNS adapter for escalation notices on the alerts topic (pager, e-mail and chat subscriptions). */
export class EscalationNotifier {
  constructor(
    private readonly sns: SNSClient,
    private readonly topicArn: string,
  ) {}

  async notify(notice: EscalationNotice, escalationId: string): Promise<void> {
    await this.sns.send(
      new PublishCommand({
        TopicArn: this.topicArn,
        Subject: notice.subject,
        Message: notice.message,
        // Filterable, like agent-monitor's alert notices (type, severity).
        MessageAttributes: {
          type: { DataType: 'String', StringValue: 'EscalationNotice' },
          severity: { DataType: 'String', StringValue: notice.severity },
          cause: { DataType: 'String', StringValue: notice.cause },
          escalationId: { DataType: 'String', StringValue: escalationId },
        },
      }),
    );
  }
}
