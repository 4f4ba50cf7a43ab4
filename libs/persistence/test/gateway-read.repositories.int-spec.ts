import { assembleJourney } from '@buddie/domain';
import { createTestEnvironment, type TestEnvironment } from '@buddie/testing';
import { ContactRepository, createDynamoClients, EscalationRepository, JourneyRepository, SyncStatusRepository, TABLES, type ContactCtrWrite, type EscalationRecord } from '../src';

describe('journey, escalation and sync-status repositories on DynamoDB Local', () => {
  let env: TestEnvironment;
  let doc: ReturnType<typeof createDynamoClients>['doc'];
  beforeAll(async () => {
    env = await createTestEnvironment();
    doc = createDynamoClients(env.config).doc;
  });
  afterAll(() => env.close());

  // Stored through the writers' own calls: EscalationRepository.open (then moved on by transition) and JourneyRepository.save.
  const putEscalation = async (escalationId: string, status: EscalationRecord['status'], createdAt: string) => {
    const repo = new EscalationRepository(doc, env.physical(TABLES.escalations.logicalName));
    await repo.open({ escalationId, subjectType: 'contact', subjectId: escalationId, contactId: escalationId, agentId: null, cause: 'test', severity: 'low', reasons: ['test'], trigger: 'journey-failure', correlationId: 'x', triggeredAt: createdAt }, createdAt);
    if (status === 'acknowledged') await repo.transition(escalationId, { action: 'acknowledge', by: 'setup', at: createdAt });
  };
  const putJourney = (contactId: string, failed: boolean) =>
    new JourneyRepository(doc, env.physical(TABLES.journeys.logicalName)).save(
      assembleJourney({ contactId, entries: [{ ContactId: contactId, ContactFlowModuleType: failed ? 'InvokeExternalResource' : 'PlayPrompt', Timestamp: '2026-12-01T10:00:00.000Z', ContactFlowName: 'Main IVR' }] }),
      '2026-12-01T10:01:00.000Z',
      'x',
    );

  it('given two supervisors acknowledging at once, then one write applies and the other sees the conflict; resolve then closes it', async () => {
    const repo = new EscalationRepository(doc, env.physical(TABLES.escalations.logicalName));
    await putEscalation('esc-race', 'open', '2026-12-01T10:00:00.000Z');

    const results = await Promise.all(
      ['ann', 'bob'].map((by) => repo.transition('esc-race', { action: 'acknowledge', by, at: '2026-12-01T11:00:00.000Z', note: `${by} here` })),
    );
    const applied = results.filter((r) => r.outcome === 'applied');
    expect(applied).toHaveLength(1);
    expect(results.filter((r) => r.outcome === 'conflict')).toEqual([{ outcome: 'conflict', current: expect.objectContaining({ status: 'acknowledged' }) }]);
    const winner = applied[0].outcome === 'applied' ? applied[0].escalation : undefined;
    expect(winner).toMatchObject({ status: 'acknowledged', acknowledgedAt: '2026-12-01T11:00:00.000Z', updatedAt: '2026-12-01T11:00:00.000Z', acknowledgeNote: `${winner?.acknowledgedBy} here` });

    const resolved = await repo.transition('esc-race', { action: 'resolve', by: 'ann', at: '2026-12-01T11:05:00.000Z' });
    expect(resolved).toMatchObject({ outcome: 'applied', escalation: { status: 'resolved', resolvedBy: 'ann' } });
    expect(resolved.outcome === 'applied' && 'resolveNote' in resolved.escalation).toBe(false);
    expect(await repo.transition('esc-race', { action: 'acknowledge', by: 'bob', at: '2026-12-01T11:06:00.000Z' })).toMatchObject({ outcome: 'conflict', current: { status: 'resolved' } });
    expect(await repo.transition('esc-missing', { action: 'resolve', by: 'bob', at: '2026-12-01T11:06:00.000Z' })).toEqual({ outcome: 'not-found' });
  });

  it('given escalations in several statuses, then listByStatus pages one status newest first', async () => {
    const repo = new EscalationRepository(doc, env.physical(TABLES.escalations.logicalName));
    for (const [id, status, createdAt] of [['l1', 'open', '2026-12-01T09:00:00Z'], ['l2', 'open', '2026-12-01T09:30:00Z'], ['l3', 'acknowledged', '2026-12-01T09:45:00Z'], ['l4', 'open', '2026-12-01T09:50:00Z']] as const) {
      await putEscalation(`list-${id}`, status, createdAt);
    }
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await repo.listByStatus({ status: 'open', limit: 2, cursor });
      ids.push(...page.items.map((e) => e.escalationId).filter((id) => id.startsWith('list-')));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(ids).toEqual(['list-l4', 'list-l2', 'list-l1']);
  });

  it('given journeys with and without failures, then list filters on failed across pages and sample is bounded', async () => {
    const repo = new JourneyRepository(doc, env.physical(TABLES.journeys.logicalName));
    for (let i = 0; i < 6; i++) await putJourney(`j-${i}`, i % 3 === 0);
    const failed: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await repo.list({ failed: true, limit: 2, cursor });
      failed.push(...page.items.map((j) => j.contactId));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(failed.sort()).toEqual(['j-0', 'j-3']);
    expect(await repo.get('j-3')).toMatchObject({ contactId: 'j-3', failed: true, version: 1, steps: [{ label: 'Lambda', status: 'error' }] });
    expect(Object.keys((await repo.get('j-3')) ?? {})).not.toEqual(expect.arrayContaining(['listPartition']));
    expect(await repo.sample(4)).toHaveLength(4);
  });

  it('given contacts at different pipeline stages, then sync status reads waiting, pending and synced', async () => {
    const contacts = new ContactRepository(doc, env.physical(TABLES.contacts.logicalName));
    const sync = new SyncStatusRepository(contacts);
    const write = (id: string): ContactCtrWrite => ({
      contactId: id, conversationId: id, channel: 'VOICE', initiationMethod: 'INBOUND', initiationTimestamp: '2026-12-01T10:00:00Z', disconnectTimestamp: null,
      lastUpdateTimestamp: '2026-12-01T10:05:00Z', agentUsername: 'jdoe', queueName: 'Billing', abandoned: false, fingerprint: `fp-${id}`, ctr: { ContactId: id },
    });
    for (const id of ['sync-w', 'sync-p', 'sync-s']) await contacts.upsertCtr(write(id), '2026-12-01T10:06:00Z');
    await contacts.markStage('sync-p', 'summarized', '2026-12-01T10:07:00Z');
    await contacts.markStage('sync-s', 'summarized', '2026-12-01T10:07:00Z');
    await contacts.markStage('sync-s', 'synced', '2026-12-01T10:08:00Z');
    expect((await sync.get('sync-w'))?.state).toBe('waiting-for-summary');
    expect(await sync.get('sync-p')).toMatchObject({ state: 'pending', summarizedAt: '2026-12-01T10:07:00Z', syncedAt: null });
    expect(await sync.get('sync-s')).toMatchObject({ state: 'synced', syncedAt: '2026-12-01T10:08:00Z', agentUsername: 'jdoe' });
    expect(await sync.get('sync-none')).toBeUndefined();
  });
});
