import { CreateQueueCommand, GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { awsClientSettings, EscalationConfig, loadConfig } from '@buddie/config';
import { createDynamoClients, EscalationRepository } from '@buddie/persistence';
import { bootstrapService } from '@buddie/runtime';
import { createTestEnvironment, deliveredBody, drainQueue, eventually, queueUrl, sendBodies, type TestEnvironment } from '@buddie/testing';
import { EscalationModule } from '../src/escalation.module';
import { alertRaised, journeyFailed } from './escalation-events';

interface Notice {
  Subject: string;
  Message: string;
  MessageAttributes: Record<string, { Value: string }>;
}

describe('escalation notices on the alerts topic (fauxqs SNS -> SQS inbox)', () => {
  let env: TestEnvironment;
  let app: NestFastifyApplication | undefined;
  let escalations: EscalationRepository;
  let inputUrl: string;
  let inboxUrl: string;
  const received: Notice[] = [];
  const notices = async (expect?: number): Promise<Notice[]> => {
    received.push(...(await drainQueue(env.sqs, inboxUrl, { expect, timeoutMs: 15000, quietMs: 2000 })).map((m) => JSON.parse(m.Body!) as Notice));
    return received;
  };

  beforeAll(async () => {
    env = await createTestEnvironment({ SNS_ENDPOINT: process.env.BUDDIE_TEST_SQS_ENDPOINT as string });
    const sns = new SNSClient(awsClientSettings(env.config, 'sns'));
    const topicArn = (await sns.send(new CreateTopicCommand({ Name: env.physical('alerts') }))).TopicArn as string;
    inboxUrl = (await env.sqs.send(new CreateQueueCommand({ QueueName: env.physical('alerts-inbox') }))).QueueUrl as string;
    const inboxArn = (await env.sqs.send(new GetQueueAttributesCommand({ QueueUrl: inboxUrl, AttributeNames: ['QueueArn'] }))).Attributes?.QueueArn;
    await sns.send(new SubscribeCommand({ TopicArn: topicArn, Protocol: 'sqs', Endpoint: inboxArn }));
    sns.destroy();
    const config = loadConfig(EscalationConfig, { ...env.env, ALERTS_TOPIC_ARN: topicArn });
    escalations = new EscalationRepository(createDynamoClients(env.config).doc, env.physical('escalations'));
    inputUrl = await queueUrl(env.sqs, env.physical('escalation'));
    app = await bootstrapService('escalation', EscalationModule.forRoot(config), config);
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await env?.close();
  });

  it('given a high escalation delivered twice and replayed, then exactly one notice a supervisor can read, with filterable attributes and no caller data', async () => {
    const contactId = 'e5c1a7b0-0000-4000-8000-00000000b001';
    await sendBodies(env.sqs, inputUrl, [deliveredBody(journeyFailed(contactId, 'failed')), deliveredBody(journeyFailed(contactId, 'failed'))]);
    await eventually(() => escalations.get(`${contactId}:ivr-system-failure`), (r) => r !== undefined, 20000);
    await sendBodies(env.sqs, inputUrl, [deliveredBody(journeyFailed(contactId, 'failed'))]);
    const sent = (await notices(1)).filter((n) => n.MessageAttributes.escalationId?.Value === `${contactId}:ivr-system-failure`);
    expect(sent).toHaveLength(1);
    expect(sent[0].Subject).toBe(`Buddie escalation [high] ivr-system-failure: contact ${contactId}`);
    expect(sent[0].Message).toContain('A high-severity escalation needs a supervisor.');
    expect(sent[0].Message).toContain('- The account lookup Lambda failed (Error) at step 2.');
    expect(sent[0].Message).not.toMatch(/\+\d{7,}|CustomerEndpoint|Address/);
    expect({ type: sent[0].MessageAttributes.type?.Value, severity: sent[0].MessageAttributes.severity?.Value, cause: sent[0].MessageAttributes.cause?.Value }).toEqual({
      type: 'EscalationNotice',
      severity: 'high',
      cause: 'ivr-system-failure',
    });
  });

  it('given a medium escalation, then no notice; when the same alert comes back critical (raised to high), then its one notice', async () => {
    const escalationId = 'alert-notice-0001:agent-alert';
    await sendBodies(env.sqs, inputUrl, [deliveredBody(alertRaised('alert-notice-0001', 'warning'))]);
    await eventually(() => escalations.get(escalationId), (r) => r !== undefined, 20000);
    expect((await notices()).filter((n) => n.MessageAttributes.escalationId?.Value === escalationId)).toHaveLength(0);

    await sendBodies(env.sqs, inputUrl, [deliveredBody(alertRaised('alert-notice-0001', 'critical')), deliveredBody(alertRaised('alert-notice-0001', 'critical'))]);
    await eventually(() => escalations.get(escalationId), (r) => r?.severity === 'high', 20000);
    const sent = (await notices(1)).filter((n) => n.MessageAttributes.escalationId?.Value === escalationId);
    expect(sent).toHaveLength(1);
    expect(sent[0].Message).toContain('About: agent agent-jdoe (alert alert-notice-0001)');
    expect(sent[0].Message).toMatch(/Raised to high: /);
  });
});
