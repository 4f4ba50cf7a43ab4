import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { GatewayConfig, loadConfig } from '@buddie/config';
import type { AgentAlert } from '@buddie/domain';
import { AgentAlertRepository, AgentHistoryRepository, AgentStateRepository, createDynamoClients } from '@buddie/persistence';
import { createTestEnvironment, type TestEnvironment } from '@buddie/testing';
import { foldAgentEvents } from '../../../libs/domain/src/agent/testing/fold-agent-events';
import { JDOE_SHIFT, MGARCIA_SHIFT, readAgentEvents } from '../../../libs/testing/src/fixtures';
import { createGatewayApp } from '../src/gateway.app';

const DEV_KEY = 'bdk_agents-api-test-key-0123456789abcdef';

describe('gateway agents API (supertest, DynamoDB Local)', () => {
  let env: TestEnvironment;
  let app: NestFastifyApplication;
  const jdoe = foldAgentEvents(readAgentEvents(JDOE_SHIFT).slice(0, 13)); // in ACW
  const mgarcia = foldAgentEvents(readAgentEvents(MGARCIA_SHIFT).slice(0, 19)); // on Lunch
  const get = (path: string) => request(app.getHttpServer()).get(path).set('x-api-key', DEV_KEY);

  beforeAll(async () => {
    env = await createTestEnvironment();
    const { doc } = createDynamoClients(env.config);
    const states = new AgentStateRepository(doc, env.physical('agent-states'));
    await states.save(jdoe.view, 0, { openAlerts: 1, now: '2024-03-12T14:10:00Z' });
    await states.save(mgarcia.view, 0, { openAlerts: 0, now: '2024-03-12T15:33:00Z' });
    // Filler agents so pagination has more than one page.
    for (let i = 0; i < 5; i++) {
      await states.save({ ...mgarcia.view, agentId: `filler-${i}`, username: `zz-filler-${i}` }, 0, { openAlerts: 0, now: '2024-03-12T15:33:00Z' });
    }
    const history = new AgentHistoryRepository(doc, env.physical('agent-history'));
    await history.append(
      jdoe.changes.map(({ event, view }) => ({
        agentId: view.agentId,
        timestamp: event.EventTimestamp,
        eventId: event.EventId,
        eventType: event.EventType,
        statusName: view.status.name,
        activity: view.activity,
        activitySince: view.activitySince,
        loggedIn: view.loggedIn,
        contacts: [],
        completedContacts: [],
      })),
    );
    const alerts = new AgentAlertRepository(doc, env.physical('agent-alerts'));
    const open: AgentAlert = {
      id: `${jdoe.view.agentId}:acw-60:${jdoe.view.activitySince}`,
      agentId: jdoe.view.agentId,
      ruleId: 'acw-60',
      severity: 'warning',
      message: 'jdoe has been in after contact work for more than 60 s',
      startedAt: jdoe.view.activitySince,
      raisedAt: '2024-03-12T14:10:49.000Z',
      lastValue: 61,
      status: 'open',
    };
    await alerts.raise(open);
    await alerts.raise({ ...open, id: 'old:acw-60:x', agentId: 'old', raisedAt: '2024-03-11T10:00:00.000Z', status: 'cleared', clearedAt: '2024-03-11T10:01:00.000Z' });

    app = await createGatewayApp(loadConfig(GatewayConfig, { ...env.env, DEV_API_KEY: DEV_KEY }), { logger: false });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  }, 60000);

  afterAll(async () => {
    await app?.close();
    await env?.close();
  });

  it('given no key, then 401', async () => {
    expect((await request(app.getHttpServer()).get('/api/v1/agents')).status).toBe(401);
  });

  it('lists agents by username with filters on status, queue, routing profile and alerting', async () => {
    const all = await get('/api/v1/agents');
    expect(all.status).toBe(200);
    expect(all.body.items.map((a: { username: string }) => a.username).slice(0, 2)).toEqual(['jdoe', 'mgarcia']);

    const lunch = await get('/api/v1/agents?status=Lunch');
    expect(lunch.body.items.map((a: { agentId: string }) => a.agentId)).toContain(mgarcia.view.agentId);
    expect(lunch.body.items.map((a: { agentId: string }) => a.agentId)).not.toContain(jdoe.view.agentId);

    const alerting = await get('/api/v1/agents?alerting=true');
    expect(alerting.body.items.map((a: { agentId: string }) => a.agentId)).toEqual([jdoe.view.agentId]);

    const byProfile = await get(`/api/v1/agents?routingProfile=${encodeURIComponent(jdoe.view.routingProfile.name)}`);
    expect(byProfile.body.items.map((a: { agentId: string }) => a.agentId)).toEqual([jdoe.view.agentId]);

    const queue = jdoe.view.queues[0].name;
    const byQueue = await get(`/api/v1/agents?queue=${encodeURIComponent(queue)}`);
    expect(byQueue.body.items.map((a: { agentId: string }) => a.agentId)).toContain(jdoe.view.agentId);
    expect(byQueue.body.items.every((a: { queueNames: string[] }) => a.queueNames.includes(queue))).toBe(true);

    expect((await get('/api/v1/agents?alerting=maybe')).status).toBe(400);
    expect((await get('/api/v1/agents?activity=Sleeping')).status).toBe(400);

    // The board activity is stored with the state and filters like the other attributes.
    const inAcw = await get('/api/v1/agents?boardActivity=after-contact-work');
    expect(inAcw.body.items.map((a: { agentId: string }) => a.agentId)).toEqual([jdoe.view.agentId]);
    expect((await get('/api/v1/agents?boardActivity=sleeping')).status).toBe(400);
  });

  it('pages with an opaque cursor until every agent was seen exactly once', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: request.Response = await get(`/api/v1/agents?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.body.items.map((a: { agentId: string }) => a.agentId));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    expect((await get('/api/v1/agents?cursor=bm90LWEtY3Vyc29y')).status).toBe(400);
  });

  it('returns one agent and its timeline for a day; 404 for an unknown agent', async () => {
    const one = await get(`/api/v1/agents/${jdoe.view.agentId}`);
    expect(one.body).toMatchObject({ username: 'jdoe', activity: 'AfterContactWork', boardActivity: 'after-contact-work', boardActivityLabel: 'After contact work', boardActivitySince: jdoe.view.activitySince, openAlerts: 1 });
    const timeline = await get(`/api/v1/agents/${jdoe.view.agentId}/timeline?date=2024-03-12`);
    expect(timeline.body.entries.map((e: { eventId: string }) => e.eventId)).toEqual(jdoe.changes.map((c) => c.event.EventId));
    expect((await get(`/api/v1/agents/${jdoe.view.agentId}/timeline?date=2024-03-13`)).body.entries).toEqual([]);
    expect((await get(`/api/v1/agents/${jdoe.view.agentId}/timeline?date=12-03-2024`)).status).toBe(400);
    expect((await get('/api/v1/agents/no-such-agent')).status).toBe(404);
  });

  it('lists open and cleared alerts separately', async () => {
    const open = await get('/api/v1/agent-alerts?status=open');
    expect(open.body.items.map((a: AgentAlert) => a.ruleId)).toEqual(['acw-60']);
    expect(open.body.items[0].agentId).toBe(jdoe.view.agentId);
    const cleared = await get('/api/v1/agent-alerts?status=cleared');
    expect(cleared.body.items.map((a: AgentAlert) => a.agentId)).toEqual(['old']);
  });

  it('creates, reads, replaces and deletes rules; bad rules get 400 with every issue', async () => {
    const server = app.getHttpServer();
    const rule = { id: 'hold-45', name: 'Hold over 45 s', condition: { kind: 'activity', activity: 'OnHold', overSeconds: 45 }, severity: 'warning' };
    const created = await request(server).post('/api/v1/agent-alert-rules').set('x-api-key', DEV_KEY).send(rule);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...rule, enabled: true });
    expect((await request(server).post('/api/v1/agent-alert-rules').set('x-api-key', DEV_KEY).send(rule)).status).toBe(400);

    const bad = await request(server)
      .post('/api/v1/agent-alert-rules')
      .set('x-api-key', DEV_KEY)
      .send({ id: 'bad:id', name: '', condition: { kind: 'activity', activity: 'Sleeping', overSeconds: -1 }, severity: 'loud' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('INVALID_INPUT');
    expect(bad.body.error.details.issues.map((i: { path: string }) => i.path).sort()).toEqual(
      ['condition.activity', 'condition.overSeconds', 'id', 'name', 'severity'].sort(),
    );

    const updated = await request(server).put('/api/v1/agent-alert-rules/hold-45').set('x-api-key', DEV_KEY).send({ ...rule, enabled: false });
    expect(updated.body.enabled).toBe(false);
    expect((await get('/api/v1/agent-alert-rules/hold-45')).body.enabled).toBe(false);

    const replaced = await request(server).put('/api/v1/agent-alert-rules').set('x-api-key', DEV_KEY).send({ rules: [{ ...rule, id: 'only-one' }] });
    expect(replaced.status).toBe(200);
    expect((await get('/api/v1/agent-alert-rules')).body.rules.map((r: { id: string }) => r.id)).toEqual(['only-one']);
    const badSet = await request(server).put('/api/v1/agent-alert-rules').set('x-api-key', DEV_KEY).send([rule, rule]);
    expect(badSet.status).toBe(400);
    expect(badSet.body.error.details.issues).toEqual([{ path: '[1].id', message: 'duplicate rule id "hold-45"' }]);

    expect((await request(server).delete('/api/v1/agent-alert-rules/only-one').set('x-api-key', DEV_KEY)).status).toBe(204);
    expect((await request(server).delete('/api/v1/agent-alert-rules/only-one').set('x-api-key', DEV_KEY)).status).toBe(404);
  });
});
