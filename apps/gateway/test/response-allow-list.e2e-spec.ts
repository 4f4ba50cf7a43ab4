import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { redactedTranscriptKey, transcriptsBucketName } from '@buddie/config';
import { createAwsClient } from '@buddie/runtime';
import {
  AgentAlertRepository,
  AgentHistoryRepository,
  AgentStateRepository,
  AlertRuleRepository,
  ContactRepository,
  createDynamoClients,
  EscalationRepository,
  JourneyRepository,
  SummaryRepository,
} from '@buddie/persistence';
import { decideEscalations, DEFAULT_ESCALATION_RULES, type CallSummary } from '@buddie/domain';
import { agentView, INTERNAL_ATTRIBUTES, journeyOf, storedAlert, storedOutboxEvent, storedSummary } from '../../../libs/api-contract/src/testing/stored-records';
import { GatewayHarness, type RunningGateway } from './gateway.harness';
import { connectLive, subscribe } from './live-client';

interface Schema {
  $ref?: string;
  type?: string;
  properties?: Record<string, Schema>;
  additionalProperties?: unknown;
  items?: Schema;
  allOf?: Schema[];
}
interface OpenApi {
  paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema?: Schema }> }> }>>;
  components: { schemas: Record<string, Schema> };
}

/** Paths in `value` its schema does not declare (walking $ref, arrays and nested objects; free-form maps are not walked). */
function undeclared(doc: OpenApi, value: unknown, schema: Schema, path = '$'): string[] {
  const resolved = schema.$ref ? doc.components.schemas[schema.$ref.replace('#/components/schemas/', '')] : schema.allOf?.length === 1 ? schema.allOf[0] : schema;
  if (resolved !== schema) return undeclared(doc, value, resolved, path);
  if (Array.isArray(value)) return schema.items ? value.flatMap((item, i) => undeclared(doc, item, schema.items as Schema, `${path}[${i}]`)) : [];
  if (typeof value !== 'object' || value === null) return [];
  if (!schema.properties) return schema.additionalProperties !== undefined ? [] : [`${path} (no declared properties)`];
  return Object.entries(value).flatMap(([key, member]) => (schema.properties?.[key] ? undeclared(doc, member, schema.properties[key], `${path}.${key}`) : [`${path}.${key}`]));
}

describe('responses are allow-listed DTOs: no stored internal attribute reaches REST or Socket.IO', () => {
  let harness: GatewayHarness;
  let gateway: RunningGateway;
  let adminKey: string;
  let doc: OpenApi;
  /** One escalation about the contact's journey, one about the agent's alert, opened as the escalation app opens them. */
  let escalationIds: [string, string];

  beforeAll(async () => {
    harness = await GatewayHarness.create();
    gateway = await harness.start({ SQS_WAIT_TIME_SECONDS: '1' });
    adminKey = (await harness.key('admin')).key;
    const { doc: dynamo } = createDynamoClients(harness.env.config);
    const table = (logical: string) => harness.env.physical(logical);

    // Every aggregate stored the way its owning app stores it, internal attributes included.
    const contacts = new ContactRepository(dynamo, table('contacts'));
    await contacts.upsertCtr(
      { contactId: 'c-1', conversationId: 'c-1', channel: 'VOICE', initiationMethod: 'INBOUND', initiationTimestamp: '2026-12-01T10:00:00Z', disconnectTimestamp: '2026-12-01T10:05:00Z', lastUpdateTimestamp: '2026-12-01T10:06:00Z', agentUsername: 'jdoe', queueName: 'Billing', abandoned: false, fingerprint: 'fp-1', ctr: { ContactId: 'c-1' } },
      '2026-12-01T10:06:01Z',
    );
    await contacts.markPublished('c-1', 'fp-1');
    await contacts.markStage('c-1', 'summarized', '2026-12-01T10:07:00Z');
    await contacts.recordContactEvent('c-1', 'CONNECTED_TO_AGENT', '2026-12-01T10:01:00Z', 'c-1');
    const { summary, ...bookkeeping } = storedSummary('c-1');
    await new SummaryRepository(dynamo, table('call-summaries')).putSummary({ ...bookkeeping, status: 'summarized', summary: summary as CallSummary });
    // The summarizer's archived transcript, with the turn ids and redaction spans it keeps inside.
    const s3 = createAwsClient(gateway.config, 's3');
    await s3.send(new CreateBucketCommand({ Bucket: transcriptsBucketName(gateway.config) }));
    const transcript = { contactId: 'c-1', source: 'contact-lens', channel: 'VOICE', redacted: true, turns: [{ id: 't1', role: 'CUSTOMER', beginMs: 0, endMs: 900, text: 'Card [CREDIT_DEBIT_NUMBER]', redactions: [{ type: 'CREDIT_DEBIT_NUMBER', begin: 5, end: 24 }] }] };
    await s3.send(new PutObjectCommand({ Bucket: transcriptsBucketName(gateway.config), Key: redactedTranscriptKey('c-1'), Body: JSON.stringify(transcript), ContentType: 'application/json' }));
    const view = agentView('a-1');
    await new AgentStateRepository(dynamo, table('agent-states')).save(view, 0, {
      openAlerts: 1,
      shardId: 'shardId-000000000000',
      now: view.lastEventAt,
      openAlertItems: [storedAlert('a-1')],
      outbox: [storedOutboxEvent('a-1')],
      publishedVersion: 0,
    });
    const { alertId: _key, ...alert } = storedAlert('a-1');
    await new AgentAlertRepository(dynamo, table('agent-alerts')).raise(alert);
    await new AgentHistoryRepository(dynamo, table('agent-history')).append([
      { agentId: 'a-1', timestamp: '2026-12-01T10:00:00.000Z', eventId: 'ev-1', eventType: 'STATE_CHANGE', statusName: 'Available', activity: 'Idle', activitySince: '2026-12-01T10:00:00.000Z', loggedIn: true, contacts: [], completedContacts: [{ contactId: 'c-0', channel: 'VOICE', holdSeconds: 3, holds: 1, missed: false }] },
    ]);
    await new AlertRuleRepository(dynamo, table('alert-rules')).put({ id: 'acw-60', name: 'ACW over 60 s', enabled: true, severity: 'warning', condition: { kind: 'activity-duration', activity: 'AfterContactWork', seconds: 60 } } as never);
    // The journey as ivr-journey stores and announces it (fingerprints, list keys), and escalations as the escalation app
    // decides, opens and marks them published: each through its own repository, internal attributes included.
    const journeys = new JourneyRepository(dynamo, table('journeys'));
    const journey = journeyOf('c-1');
    const saved = await journeys.save(journey, '2026-12-01T10:01:00Z', 'corr-1');
    await journeys.markPublished('c-1', saved.fingerprint);
    const [aboutJourney] = decideEscalations({ kind: 'journey-failure', contactId: 'c-1', correlationId: 'corr-1', occurredAt: '2026-12-01T10:01:00Z', failures: journey.failures }, DEFAULT_ESCALATION_RULES);
    const [aboutAlert] = decideEscalations(
      { kind: 'agent-alert', alertId: alert.id, agentId: 'a-1', ruleId: alert.ruleId, correlationId: alert.id, occurredAt: alert.raisedAt, severity: 'critical', message: alert.message },
      DEFAULT_ESCALATION_RULES,
    );
    const escalations = new EscalationRepository(dynamo, table('escalations'));
    for (const draft of [aboutJourney, aboutAlert]) {
      await escalations.open(draft, '2026-12-01T10:08:00Z');
      await escalations.markPublished(draft.escalationId, 1);
    }
    escalationIds = [aboutJourney.escalationId, aboutAlert.escalationId];

    doc = (await (await fetch(`${gateway.url}/docs/openapi.json`)).json()) as OpenApi;
  });
  afterAll(() => harness?.close());

  const call = async (method: string, path: string) => {
    const response = await fetch(`${gateway.url}${path}`, { method, headers: { 'x-api-key': adminKey, ...(method === 'POST' ? { 'content-type': 'application/json' } : {}) }, body: method === 'POST' ? '{}' : undefined });
    return { status: response.status, body: (await response.json()) as unknown };
  };
  const escalationPath = (i: 0 | 1) => `/escalations/${encodeURIComponent(escalationIds[i])}`;
  const concrete = (template: string) =>
    template
      .replace('/escalations/{id}/acknowledge', `${escalationPath(1)}/acknowledge`)
      .replace('/escalations/{id}', escalationPath(0))
      .replace('{agentId}', 'a-1')
      .replace('{ruleId}', 'acw-60')
      .replace('{id}', 'c-1') + (template.endsWith('/timeline') ? '?date=2026-12-01' : '');

  it('walks every GET route (and the escalation actions): each declares its response DTO and returns only its keys', async () => {
    const routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([method]) => method === 'get' || (method === 'post' && /escalations\/\{id\}\/(acknowledge|resolve)$/.test(path)))
        .map(([method, op]) => ({ path, method: method.toUpperCase(), op })),
    );
    const apiGets = routes.filter((r) => r.method === 'GET' && r.path.startsWith('/api/'));
    expect(apiGets.length).toBeGreaterThanOrEqual(18);
    const problems: string[] = [];
    let walked = 0;
    for (const { path, method, op } of routes.filter((r) => r.path.startsWith('/api/')).sort((a, b) => (a.path.endsWith('/resolve') ? 1 : b.path.endsWith('/resolve') ? -1 : 0))) {
      const url = concrete(path).replace(`${escalationPath(0)}/resolve`, `${escalationPath(1)}/resolve`);
      const { status, body } = await call(method, url);
      const schema = op.responses?.[method === 'POST' ? '200' : '200']?.content?.['application/json']?.schema;
      if (status !== 200) problems.push(`${method} ${url}: HTTP ${status}`);
      else if (!schema) problems.push(`${method} ${path}: no response DTO declared in the OpenAPI document`);
      else {
        problems.push(...undeclared(doc, body, schema).map((p) => `${method} ${url}: undeclared ${p}`));
        const items = (body as { items?: unknown[] }).items;
        if (Array.isArray(items) && items.length === 0) problems.push(`${method} ${url}: empty page (nothing was checked)`);
        const text = JSON.stringify(body);
        problems.push(...INTERNAL_ATTRIBUTES.filter((name) => text.includes(`"${name}"`)).map((name) => `${method} ${url}: internal attribute ${name}`));
        walked += 1;
      }
    }
    expect(problems).toEqual([]);
    expect(walked).toBe(routes.filter((r) => r.path.startsWith('/api/')).length);
  });

  it('every live room snapshot and the live events hold only their DTO keys', async () => {
    const client = await connectLive(gateway.url, { apiKey: adminKey });
    const rooms: Record<string, string> = {
      agents: 'AgentDto',
      'agent:a-1': 'AgentDto',
      'queue:Billing': 'AgentDto',
      alerts: 'AgentAlertDto',
      escalations: 'EscalationDto',
      summaries: 'SummaryBriefDto',
      contacts: 'LiveContactDto',
      journeys: 'JourneyBriefDto',
      sync: 'SyncStatusDto',
    };
    const problems: string[] = [];
    for (const [room, dto] of Object.entries(rooms)) {
      const reply = await subscribe(client.socket, room);
      const items = reply.snapshot?.items ?? [];
      if (!reply.ok || items.length === 0) problems.push(`${room}: no snapshot items to check`);
      problems.push(...undeclared(doc, items, { type: 'array', items: { $ref: `#/components/schemas/${dto}` } }).map((p) => `${room}: undeclared ${p}`));
      const text = JSON.stringify(items);
      problems.push(...INTERNAL_ATTRIBUTES.filter((name) => text.includes(`"${name}"`)).map((name) => `${room}: internal attribute ${name}`));
    }
    // The gateway's own event: an acknowledge announces the escalation on the socket.
    expect((await call('POST', `/api/v1${escalationPath(0)}/acknowledge`)).status).toBe(200);
    const deadline = Date.now() + 15000;
    while (!client.received.some((e) => e.type === 'EscalationUpdated') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const update = client.received.find((e) => e.type === 'EscalationUpdated');
    expect(update).toBeDefined();
    problems.push(...undeclared(doc, update?.detail, { $ref: '#/components/schemas/EscalationDto' }).map((p) => `EscalationUpdated: undeclared ${p}`));
    client.socket.disconnect();
    expect(problems).toEqual([]);
  });
});
