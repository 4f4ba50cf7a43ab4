import type { AgentAlert } from '@buddie/domain';
import { EVENT_CATALOG, assertPublishable, publishedDetail, type PublishableEvent } from '@buddie/messaging';
import { agentStateChangedDetail } from '../../../libs/api-contract/src/testing/stored-records';
import { foldAgentEvents } from '../../../libs/domain/src/agent/testing/fold-agent-events';
import { JDOE_SHIFT, MGARCIA_SHIFT, readAgentEvents } from '../../../libs/testing/src/fixtures';
import { alertEvent, alertOfEvent, stateChangedEvent } from './agent-monitor.mapper';

function asPublished(event: PublishableEvent) {
  return { ...event.detail, schemaVersion: EVENT_CATALOG[event.type].version, correlationId: event.detail.correlationId ?? 'c', occurredAt: event.detail.occurredAt ?? '2024-03-12T14:00:00Z' };
}

describe('agent-monitor mapper and the catalog', () => {
  it.each([JDOE_SHIFT, MGARCIA_SHIFT])('every AgentStateChanged of the shift %s is exactly the catalog shape', (file) => {
    const { changes } = foldAgentEvents(readAgentEvents(file));
    expect(changes.length).toBeGreaterThan(0);
    changes.forEach(({ event, view }, index) => {
      const published = stateChangedEvent(view, event, 0, index + 1);
      expect(() => assertPublishable('AgentStateChanged', asPublished(published))).not.toThrow();
    });
  });

  it('the test helper agentStateChangedDetail (libs/api-contract testing, used by gateway e2e specs) writes exactly what this mapper publishes', () => {
    const { changes } = foldAgentEvents(readAgentEvents(JDOE_SHIFT));
    const stateChanges = changes.filter(({ event, view }) => event.EventType === 'STATE_CHANGE' && view.lastEventAt === event.EventTimestamp);
    expect(stateChanges.length).toBeGreaterThan(0);
    stateChanges.forEach(({ event, view }, index) => {
      const published = publishedDetail(stateChangedEvent(view, event, 1, index + 1), new Date(event.EventTimestamp));
      expect(agentStateChangedDetail(view, index + 1, 1, event.EventId)).toEqual(published);
    });
  });

  it('alert events are the catalog shape and read back to the alert they announce', () => {
    const alert: AgentAlert = {
      id: 'a-1:r-1:2024-03-12T14:00:00Z',
      agentId: 'a-1',
      ruleId: 'r-1',
      severity: 'warning',
      message: 'on break for 16 minutes',
      startedAt: '2024-03-12T14:00:00Z',
      raisedAt: '2024-03-12T14:15:00Z',
      lastValue: 960,
      status: 'open',
    };
    const raised = alertEvent('AgentAlertRaised', alert);
    const cleared = alertEvent('AgentAlertCleared', { ...alert, status: 'cleared', clearedAt: '2024-03-12T14:20:00Z' });
    expect(() => assertPublishable('AgentAlertRaised', asPublished(raised))).not.toThrow();
    expect(() => assertPublishable('AgentAlertCleared', asPublished(cleared))).not.toThrow();
    expect(alertOfEvent(raised.detail)).toEqual(alert);
    expect(alertOfEvent(cleared.detail)).toEqual({ ...alert, status: 'cleared', clearedAt: '2024-03-12T14:20:00Z' });
  });

  it('alertOfEvent takes only an alert event detail as the catalog types it (checked by npm run typecheck)', () => {
    const untyped = (): AgentAlert =>
      // @ts-expect-error an untyped record is not an alert event's detail
      alertOfEvent({ alertId: 'a-1' } as Record<string, unknown>);
    const wrongSeverity = (detail: ReturnType<typeof alertEvent>['detail']): AgentAlert =>
      // @ts-expect-error severity takes only the catalog's values
      alertOfEvent({ ...detail, severity: 'urgent' });
    expect([untyped, wrongSeverity]).toHaveLength(2);
  });
});
