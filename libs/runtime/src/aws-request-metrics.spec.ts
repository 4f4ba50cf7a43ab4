import { PutEventsCommand, EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { MetricsRegistry } from '@buddie/observability';
import { AWS_REQUESTS_METRIC, countAwsRequests } from './aws-request-metrics';

// Nothing listens on port 1: every attempt is refused at once, which is all a counter needs.
const settings = { region: 'us-east-1', endpoint: 'http://127.0.0.1:1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, maxAttempts: 3 };

describe('countAwsRequests', () => {
  it('given commands on two clients, then each is counted once by service and operation, its retries included in the one', async () => {
    const metrics = new MetricsRegistry();
    const sqs = countAwsRequests(new SQSClient(settings), 'sqs', metrics);
    const events = countAwsRequests(new EventBridgeClient(settings), 'eventbridge', metrics);
    const send = new SendMessageCommand({ QueueUrl: 'http://127.0.0.1:1/000000000000/q', MessageBody: '{}' });
    await expect(sqs.send(send)).rejects.toThrow();
    await expect(sqs.send(send)).rejects.toThrow();
    await expect(events.send(new PutEventsCommand({ Entries: [] }))).rejects.toThrow();

    expect(metrics.value(AWS_REQUESTS_METRIC, { service: 'sqs', operation: 'SendMessage' })).toBe(2);
    expect(metrics.value(AWS_REQUESTS_METRIC, { service: 'eventbridge', operation: 'PutEvents' })).toBe(1);
    expect(metrics.render()).toContain('buddie_aws_requests_total{operation="SendMessage",service="sqs"} 2');
    sqs.destroy();
    events.destroy();
  });
});
