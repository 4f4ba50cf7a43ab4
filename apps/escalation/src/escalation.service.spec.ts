import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_ESCALATION_RULES, type EscalationDraft, type EscalationRecord, type EscalationTrigger } from '@buddie/domain';
import type { EventPublisher, PublishableEvent } from '@buddie/messaging';
import type { EscalationRepository, SummaryRepository, SummaryRecord } from '@buddie/persistence';
import type { EscalationConfig } from '@buddie/config';
import { loadEscalationRules } from './escalation-rules.provider';
import { EscalationService } from './escalation.service';

/** The repository's contract (conditional create + publishedCreated flag) in memory. */
class MemoryEscalations {
  readonly rows = new Map<string, EscalationRecord & { publishedCreated?: boolean }>();
  async open(draft: EscalationDraft, at: string) {
    const existing = this.rows.get(draft.escalationId);
    if (existing) return { created: false, record: existing, needsPublish: existing.publishedCreated !== true };
    const record: EscalationRecord = { ...draft, status: 'open', createdAt: at, updatedAt: at };
    this.rows.set(draft.escalationId, { ...record });
    return { created: true, record, needsPublish: true };
  }
  async markCreatedPublished(id: string) {
    this.rows.get(id)!.publishedCreated = true;
  }
}

const failure: EscalationTrigger = {
  kind: 'journey-failure',
  contactId: 'c-1',
  correlationId: 'corr-1',
  occurredAt: '2024-03-12T15:00:00.000Z',
  failures: [{ kind: 'lambda-error', severity: 'high', stepLabel: 'Lookup', reason: 'Lambda failed' }],
};

function setup(summary?: SummaryRecord) {
  const escalations = new MemoryEscalations();
  const published: PublishableEvent[] = [];
  let failNext = false;
  const events = {
    publish: async (batch: PublishableEvent[]) => {
      if (failNext) {
        failNext = false;
        throw new Error('PutEvents failed');
      }
      published.push(...batch);
    },
  };
  const service = new EscalationService({
    escalations: escalations as unknown as EscalationRepository,
    summaries: { get: async () => summary } as unknown as SummaryRepository,
    events: events as unknown as EventPublisher,
    rules: DEFAULT_ESCALATION_RULES,
    clock: { now: () => new Date('2024-03-12T15:00:01.000Z') },
  });
  return { service, escalations, published, failPublish: () => (failNext = true) };
}

describe('EscalationService', () => {
  it('opens once and publishes once, with the input correlation id, however often the input comes', async () => {
    const { service, escalations, published } = setup();
    expect(await service.handle(failure)).toBe(1);
    expect(await service.handle(failure)).toBe(0);
    expect([...escalations.rows.keys()]).toEqual(['c-1:ivr-system-failure']);
    expect(published).toHaveLength(1);
    expect(published[0]).toMatchObject({ type: 'EscalationCreated', detail: { escalationId: 'c-1:ivr-system-failure', correlationId: 'corr-1', status: 'open' } });
  });

  it('given a crash between open and publish, then the redelivery publishes it (at-least-once) without a second record', async () => {
    const { service, escalations, published, failPublish } = setup();
    failPublish();
    await expect(service.handle(failure)).rejects.toThrow('PutEvents failed');
    expect(escalations.rows.get('c-1:ivr-system-failure')?.publishedCreated).toBeUndefined();
    expect(await service.handle(failure)).toBe(0);
    expect(published).toHaveLength(1);
    expect(escalations.rows.size).toBe(1);
    expect(escalations.rows.get('c-1:ivr-system-failure')?.publishedCreated).toBe(true);
  });

  it('reads the ending sentiment and the reason from the stored summary (SummaryCreated does not carry them)', async () => {
    const stored = { contactId: 'c-2', status: 'summarized', updatedAt: 'x', summary: { sentiment: { start: 'neutral', end: 'negative' }, escalation: { recommended: false } } } as unknown as SummaryRecord;
    const { service, escalations } = setup(stored);
    await service.onSummary({ contactId: 'c-2', correlationId: 'corr-2', occurredAt: '2024-03-12T15:00:00.000Z', outcome: 'unresolved', escalationRecommended: false });
    expect([...escalations.rows.keys()].sort()).toEqual(['c-2:negative-ending', 'c-2:unresolved-contact']);
  });
});

describe('loadEscalationRules', () => {
  const file = (content: string) => {
    const path = join(mkdtempSync(join(tmpdir(), 'esc-rules-')), 'rules.json');
    writeFileSync(path, content);
    return { ESCALATION_RULES_FILE: path } as EscalationConfig;
  };

  it('uses the defaults without a file and fails boot with every problem and its path', () => {
    expect(loadEscalationRules({} as EscalationConfig)).toBe(DEFAULT_ESCALATION_RULES);
    expect(() => loadEscalationRules(file(JSON.stringify([{ id: 'x', on: 'summary', when: 'sometimes', severity: 'huge' }])))).toThrow(/\[0\]\.when: .*\[0\]\.severity: /);
    expect(() => loadEscalationRules(file('{not json'))).toThrow(/ESCALATION_RULES_FILE/);
    expect(loadEscalationRules(file(JSON.stringify({ rules: [{ id: 'only-alerts', on: 'agent-alert', severity: 'high' }] })))).toEqual([{ id: 'only-alerts', enabled: true, on: 'agent-alert', alertRuleIds: '*', severity: 'high' }]);
  });
});
