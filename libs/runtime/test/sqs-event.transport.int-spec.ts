import { Controller, Module } from '@nestjs/common';
import { Ctx, EventPattern } from '@nestjs/microservices';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { BuddieConfig, loadConfig } from '@buddie/config';
import { TransientError } from '@buddie/domain';
import { EVENT_CATALOG, readDeadLetterInfo, type EventDetail } from '@buddie/messaging';
import { bootstrapService, CoreModule, EventConsumerModule, EventPayload, SqsEventContext } from '@buddie/runtime';
import { createTestEnvironment, drainQueue, eventually, queueUrl, sendBodies, type TestEnvironment } from '@buddie/testing';

const received: { type: string; detail: unknown; correlationId: string }[] = [];
let failNextTranscript = true;

/** A consumer as an app writes one: one handler per event type, payloads validated by the catalog pipe. */
@Controller()
class ProbeEvents {
  @EventPattern('SummaryCreated')
  onSummary(@EventPayload('SummaryCreated') detail: EventDetail<'SummaryCreated'>, @Ctx() context: SqsEventContext): void {
    received.push({ type: 'SummaryCreated', detail, correlationId: context.correlationId });
  }

  @EventPattern('TranscriptReady')
  async onTranscript(@EventPayload('TranscriptReady') detail: EventDetail<'TranscriptReady'>): Promise<void> {
    if (failNextTranscript) {
      failNextTranscript = false;
      throw new TransientError('DOWNSTREAM_BUSY', 'try again');
    }
    received.push({ type: 'TranscriptReady', detail, correlationId: detail.correlationId });
  }
}

@Module({})
class ProbeModule {
  static forRoot(config: BuddieConfig) {
    return { module: ProbeModule, imports: [CoreModule.forRoot('escalation', config), EventConsumerModule.forQueue('escalation', config)], controllers: [ProbeEvents] };
  }
}

describe('SqsEventTransport (@EventPattern over the SQS consumer) on fauxqs', () => {
  let env: TestEnvironment;
  let app: NestFastifyApplication | undefined;
  let url: string;
  let dlqUrl: string;
  const at = '2024-03-12T15:00:00Z';
  const envelope = (type: string, detail: unknown, id = `e-${Math.random()}`) =>
    JSON.stringify({ version: '0', id, 'detail-type': type, source: 'buddie.summarizer', account: '111122223333', time: at, region: 'us-east-1', resources: [], detail });
  const summary = (contactId: string, extra: Record<string, unknown> = {}) => ({
    schemaVersion: EVENT_CATALOG.SummaryCreated.version,
    correlationId: `corr-${contactId}`,
    occurredAt: at,
    contactId,
    headline: 'Refund issued',
    outcome: 'resolved',
    escalationRecommended: false,
    ...extra,
  });

  beforeAll(async () => {
    env = await createTestEnvironment();
    const config = loadConfig(BuddieConfig, env.env);
    url = await queueUrl(env.sqs, env.physical('escalation'));
    dlqUrl = await queueUrl(env.sqs, env.physical('escalation-dlq'));
    app = await bootstrapService('escalation', ProbeModule.forRoot(config), config);
  });

  afterAll(async () => {
    await app?.close();
    await env.close();
  });

  it('given valid details, then each reaches its handler validated (unknown fields dropped) and is acknowledged', async () => {
    await sendBodies(env.sqs, url, [envelope('SummaryCreated', summary('c-1', { internalNote: 'not in the catalog' }))]);
    await eventually(async () => received, (r) => r.some((e) => e.type === 'SummaryCreated'), 20000);
    const got = received.find((e) => e.type === 'SummaryCreated')!;
    expect(got.detail).toEqual(summary('c-1'));
    expect(got.correlationId).toBe('corr-c-1');
  });

  it('given a malformed detail, then it lands in the DLQ with the field path in its reason and blocks nothing behind it', async () => {
    const bad = envelope('SummaryCreated', summary('c-bad', { outcome: 'maybe', escalationRecommended: 'yes' }));
    await sendBodies(env.sqs, url, [bad, envelope('SummaryCreated', summary('c-2'))]);
    const [dead] = await drainQueue(env.sqs, dlqUrl, { expect: 1, timeoutMs: 20000 });
    expect(dead.Body).toBe(bad);
    const info = readDeadLetterInfo(dead);
    expect(info.code).toBe('EVENT_DETAIL_INVALID');
    expect(info.reason).toContain('detail.outcome:');
    expect(info.reason).toContain('detail.escalationRecommended:');
    expect(info.sourceQueue).toBe('escalation');
    await eventually(async () => received, (r) => r.some((e) => (e.detail as { contactId?: string }).contactId === 'c-2'), 20000);
  });

  it('given an event type this queue has no handler for, or a body that is not an EventBridge event, then each is dead-lettered with a reason', async () => {
    await sendBodies(env.sqs, url, [envelope('AgentStateChanged', { agentId: 'a' }), '{"detail":{}}']);
    const dead = await drainQueue(env.sqs, dlqUrl, { expect: 2, timeoutMs: 20000 });
    const reasons = dead.map((m) => readDeadLetterInfo(m).reason).sort();
    expect(reasons[0]).toMatch(/escalation has no handler for AgentStateChanged events \(handled: SummaryCreated, TranscriptReady\)/);
    expect(reasons[1]).toMatch(/^not an EventBridge event: .*detail-type/);
  });

  it('given a transient failure in a handler, then the message is not acknowledged and succeeds on redelivery', async () => {
    const detail = { schemaVersion: 1, correlationId: 'corr-t', occurredAt: at, contactId: 'c-t', transcriptLocation: 's3://b/k', format: 'pocketsphinx' };
    await sendBodies(env.sqs, url, [envelope('TranscriptReady', detail)]);
    await eventually(async () => received, (r) => r.some((e) => e.type === 'TranscriptReady'), 30000);
    expect(failNextTranscript).toBe(false);
    expect(await drainQueue(env.sqs, dlqUrl, { timeoutMs: 2000, quietMs: 1000 })).toHaveLength(0);
  });
});
