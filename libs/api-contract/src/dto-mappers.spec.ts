import type { BuddieEventDetails, BuddieEventType } from '@buddie/messaging';
import { AgentAlertDto, AgentDto, AgentTimelineDto } from './agent.dto';
import { toAgentAlertDto, toAgentDto, toAgentTimelineDto } from './agent.mapper';
import { ContactDto, LiveContactDto } from './contact.dto';
import { toContactDto, toLiveContactDto } from './contact.mapper';
import { EscalationDto } from './escalation.dto';
import { toEscalationDto } from './escalation.mapper';
import { JourneyBriefDto, JourneyDto } from './journey.dto';
import { toJourneyBriefDto, toJourneyDto } from './journey.mapper';
import { toLiveEventDetail } from './live-event.mapper';
import { SummaryBriefDto, SummaryDto } from './summary.dto';
import { toSummaryBriefDto, toSummaryDto } from './summary.mapper';
import { SyncStatusDto } from './sync-status.dto';
import { toSyncStatusDto } from './sync-status.mapper';
import { declaredKeys, undeclaredPaths } from './testing/allow-list';
import { agentView, INTERNAL_ATTRIBUTES, storedAgent, storedAlert, storedContact, storedEscalation, storedJourney, storedSummary, syncRecord } from './testing/stored-records';

const json = (value: unknown) => JSON.stringify(value);

describe('response DTO mappings', () => {
  it.each([
    ['contact', () => toContactDto(storedContact('c-1')), ContactDto],
    ['live contact', () => toLiveContactDto(storedContact('c-1')), LiveContactDto],
    ['summary', () => toSummaryDto(storedSummary('c-1')), SummaryDto],
    ['summary brief', () => toSummaryBriefDto(storedSummary('c-1')), SummaryBriefDto],
    ['agent', () => toAgentDto(storedAgent('a-1')), AgentDto],
    ['alert', () => toAgentAlertDto(storedAlert('a-1')), AgentAlertDto],
    ['journey', () => toJourneyDto(storedJourney('c-1')), JourneyDto],
    ['journey brief', () => toJourneyBriefDto(storedJourney('c-1')), JourneyBriefDto],
    ['escalation', () => toEscalationDto(storedEscalation('e-1')), EscalationDto],
    ['sync status', () => toSyncStatusDto(syncRecord('c-1')), SyncStatusDto],
    [
      'sync status with its VoiceCall',
      () => toSyncStatusDto({ ...syncRecord('c-1'), state: 'synced', voiceCall: { state: 'failed', salesforceIds: [], errorCode: 'FIELD_INTEGRITY_EXCEPTION', reason: 'bad', lastError: null, attempts: 3, revision: 2 } as never }),
      SyncStatusDto,
    ],
  ] as const)('given a stored %s with internal attributes, then the DTO holds declared keys only', (_name, map, dto) => {
    const out = map();
    expect(undeclaredPaths(out, dto)).toEqual([]);
    for (const internal of INTERNAL_ATTRIBUTES) expect(json(out)).not.toContain(`"${internal}"`);
  });

  it('given a stored agent, then the DTO is the board shape, flat, with alerting from the open-alert count', () => {
    expect(toAgentDto(storedAgent('a-1'))).toEqual({
      agentId: 'a-1',
      version: 3,
      username: 'a-1',
      name: 'Agent a-1',
      statusName: 'Available',
      statusType: 'ROUTABLE',
      statusSince: '2026-12-01T10:00:00.000Z',
      nextStatusName: null,
      activity: 'Idle',
      activitySince: '2026-12-01T10:00:00.000Z',
      boardActivity: 'available',
      boardActivityLabel: 'Available',
      boardActivitySince: '2026-12-01T10:00:00.000Z',
      routingProfileName: 'Basic',
      queueNames: ['Billing'],
      loggedIn: true,
      openAlerts: 1,
      alerting: true,
      contacts: [{ contactId: 'c-1', channel: 'VOICE', state: 'CONNECTED', since: '2026-12-01T10:00:00.000Z', queueName: 'Billing' }],
      lastEventAt: '2026-12-01T10:00:00.000Z',
    });
  });

  it('given a timeline, then entries keep their declared fields only', () => {
    const timeline = toAgentTimelineDto('a-1', '2026-12-01', [
      { agentId: 'a-1', timestamp: 't', eventId: 'e', eventType: 'STATE_CHANGE', statusName: 'Available', activity: 'Idle', activitySince: 't', loggedIn: true, contacts: [], completedContacts: [{ contactId: 'c', channel: 'VOICE', holdSeconds: 0, holds: 0, missed: false }], at: 't#e', expiresAt: 1 } as never,
    ]);
    expect(undeclaredPaths(timeline, AgentTimelineDto)).toEqual([]);
  });

  it('given every event type with an extra attribute, then the live detail is the room DTO and drops it', () => {
    const meta = { correlationId: 'corr', occurredAt: '2026-12-01T10:00:00.000Z', schemaVersion: 1 as const, smuggled: 'x' };
    const view = agentView('a-1');
    const alert = { alertId: 'al', agentId: 'a-1', ruleId: 'r', severity: 'warning', message: 'm', startedAt: meta.occurredAt, raisedAt: meta.occurredAt, clearedAt: null, lastValue: 3, status: 'open' };
    const details: { [K in BuddieEventType]: [BuddieEventDetails[K], abstract new (...args: never[]) => object] } = {
      AgentStateChanged: [{ ...meta, ...view, version: 4, eventId: 'ev', eventType: 'STATE_CHANGE', nextStatus: null, openAlerts: 0, boardActivity: 'available', boardActivityLabel: 'Available', boardActivitySince: view.activitySince } as unknown as BuddieEventDetails['AgentStateChanged'], AgentDto],
      AgentAlertRaised: [{ ...meta, ...alert } as BuddieEventDetails['AgentAlertRaised'], AgentAlertDto],
      AgentAlertCleared: [{ ...meta, ...alert, status: 'cleared' } as BuddieEventDetails['AgentAlertCleared'], AgentAlertDto],
      SummaryCreated: [{ ...meta, contactId: 'c', headline: 'h', outcome: 'resolved', escalationRecommended: false }, SummaryBriefDto],
      ContactCompleted: [{ ...meta, ...storedContact('c'), recordings: [], update: false } as unknown as BuddieEventDetails['ContactCompleted'], LiveContactDto],
      TranscriptReady: [{ ...meta, contactId: 'c', transcriptLocation: 's3://b/k', format: 'x' }, LiveContactDto],
      JourneyRecorded: [{ ...meta, contactId: 'c', version: 1, outcome: 'failed', flowOutcome: 'DISCONNECTED_PARTICIPANT', entryFlowName: 'Main IVR', startedAt: meta.occurredAt, ivrMs: 1000, stepCount: 2, endedAtStep: 'Disconnect', failed: true, failureKinds: ['lambda-error'], hasContact: true }, JourneyBriefDto],
      JourneyFailed: [{ ...meta, contactId: 'c', version: 1, outcome: 'failed', entryFlowName: 'Main IVR', startedAt: meta.occurredAt, failures: [{ kind: 'lambda-error', severity: 'high', stepIndex: 0, stepLabel: 'Lambda lookup', flowName: 'Main IVR', reason: 'failed' }] }, JourneyBriefDto],
      EscalationCreated: [{ ...meta, ...storedEscalation('e') } as BuddieEventDetails['EscalationCreated'], EscalationDto],
      EscalationUpdated: [{ ...meta, ...storedEscalation('e', 'acknowledged') } as BuddieEventDetails['EscalationUpdated'], EscalationDto],
      SalesforceSynced: [{ ...meta, recordKey: 'case:c', kind: 'case', contactId: 'c', escalationId: null, sobject: 'Case', salesforceId: '500x', created: true } as BuddieEventDetails['SalesforceSynced'], SyncStatusDto],
      SalesforceSyncFailed: [{ ...meta, recordKey: 'task:e', kind: 'task', contactId: null, escalationId: 'e', sobject: 'Task', errorCode: 'REQUIRED_FIELD_MISSING', reason: 'Subject missing' } as BuddieEventDetails['SalesforceSyncFailed'], SyncStatusDto],
    };
    for (const [type, [detail, dto]] of Object.entries(details) as [BuddieEventType, [never, abstract new (...args: never[]) => object]][]) {
      const out = toLiveEventDetail(type, detail, meta.occurredAt);
      expect({ type, undeclared: undeclaredPaths(out, dto) }).toEqual({ type, undeclared: [] });
      expect(json(out)).not.toContain('smuggled');
      expect(json(out)).not.toContain('transcriptLocation');
      expect(json(out)).not.toContain('internalNote');
    }
    expect(toLiveEventDetail('AgentStateChanged', details.AgentStateChanged[0], meta.occurredAt)).toEqual(toAgentDto({ ...storedAgent('a-1'), version: 4, openAlerts: 0 }));
  });

  it('given a value with an undeclared key, nested or not, then the allow-list check names its path', () => {
    const agent = toAgentDto(storedAgent('a'));
    expect(undeclaredPaths({ ...agent, outbox: [], contacts: [{ ...agent.contacts[0], queue: {} }] }, AgentDto)).toEqual(['contacts[0].queue', 'outbox']);
  });

  it('declares what it maps: every DTO key a mapping can fill is an OpenAPI property', () => {
    expect(declaredKeys(EscalationDto)).toEqual(Object.keys(toEscalationDto(storedEscalation('e'))));
    expect(declaredKeys(AgentDto)).toEqual(Object.keys(toAgentDto(storedAgent('a'))));
  });
});
