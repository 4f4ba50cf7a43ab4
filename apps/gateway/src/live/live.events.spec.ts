import type { Message } from '@aws-sdk/client-sqs';
import type { AnyLiveEvent } from '@buddie/api-contract';
import type { EventBridgeEnvelope } from '@buddie/connect';
import { publishedDetail } from '@buddie/messaging';
import { MetricsRegistry } from '@buddie/observability';
import { SqsEventContext } from '@buddie/runtime';
import { foldAgentEvents } from '../../../../libs/domain/src/agent/testing/fold-agent-events';
import { INTERNAL_ATTRIBUTES } from '../../../../libs/api-contract/src/testing/stored-records';
import { JDOE_SHIFT, readAgentEvents } from '../../../../libs/testing/src/fixtures';
import { alertEvent, stateChangedEvent } from '../../../agent-monitor/src/agent-monitor.mapper';
import { LiveEvents } from './live.events';
import { LiveHub } from './live.hub';

/** A Socket.IO namespace, faked: records each emit with the rooms it went to. */
function fakeNamespace() {
  const emits: { rooms: string[]; type: string; event: AnyLiveEvent }[] = [];
  const namespace = { to: (rooms: string[]) => ({ emit: (type: string, event: AnyLiveEvent) => emits.push({ rooms, type, event }) }) };
  return { namespace, emits };
}

function given() {
  const metrics = new MetricsRegistry();
  const hub = new LiveHub(metrics);
  const { namespace, emits } = fakeNamespace();
  hub.attach(namespace as unknown as Parameters<LiveHub['attach']>[0]);
  return { hub, emits, metrics, events: new LiveEvents(hub) };
}

const context = (envelopeId: string, detail: object) =>
  new SqsEventContext([{ MessageId: `m-${envelopeId}` } as Message, { id: envelopeId, detail } as unknown as EventBridgeEnvelope]);

/** The first visible change of jdoe's shift, announced as agent-monitor announces it. */
const { changes } = foldAgentEvents(readAgentEvents(JDOE_SHIFT));
const stateChanged = publishedDetail(stateChangedEvent(changes[1].view, changes[1].event, 0, 2), new Date('2024-03-12T14:00:00Z'));

describe('LiveEvents + LiveHub: each consumed event reaches its rooms once, as its allow-listed DTO', () => {
  it('given AgentStateChanged, then one emit to the agents, agent and queue rooms, with the envelope id and the detail as the board DTO', () => {
    const { events, emits } = given();

    events.onAgentStateChanged(stateChanged, context('env-1', stateChanged));

    expect(emits).toHaveLength(1);
    const [{ rooms, type, event }] = emits;
    expect(type).toBe('AgentStateChanged');
    expect(rooms).toEqual(['agents', `agent:${stateChanged.agentId}`, ...stateChanged.queues.map((q) => `queue:${q.name}`)]);
    expect(event).toMatchObject({ id: 'env-1', type: 'AgentStateChanged', occurredAt: stateChanged.occurredAt, correlationId: stateChanged.correlationId });
    expect(event.detail).toMatchObject({ agentId: stateChanged.agentId, statusName: stateChanged.status.name, version: 2 });
    expect(INTERNAL_ATTRIBUTES.filter((name) => JSON.stringify(event).includes(`"${name}"`))).toEqual([]);
  });

  it('given the same envelope delivered twice (SQS is at least once), then it is emitted once', () => {
    const { events, emits, metrics } = given();
    events.onAgentStateChanged(stateChanged, context('env-1', stateChanged));
    events.onAgentStateChanged(stateChanged, context('env-1', stateChanged));
    expect(emits).toHaveLength(1);
    expect(metrics.render()).toContain('buddie_live_events_total 1');
  });

  it('given alert events, then they go to the alerts room and the agent room', () => {
    const { events, emits } = given();
    const alert = { id: 'a-1:acw:t', agentId: 'a-1', ruleId: 'acw', severity: 'critical' as const, message: 'ACW over 60 s', startedAt: '2024-03-12T14:00:00Z', raisedAt: '2024-03-12T14:01:00Z', lastValue: 61, status: 'open' as const };
    const raised = publishedDetail({ type: 'AgentAlertRaised', detail: alertEvent('AgentAlertRaised', alert).detail }, new Date());
    events.onAgentAlertRaised(raised, context('env-2', raised));
    expect(emits.map((e) => [e.type, e.rooms])).toEqual([['AgentAlertRaised', ['alerts', 'agent:a-1']]]);
    expect(emits[0].event.detail).toMatchObject({ agentId: 'a-1', severity: 'critical' });
  });

  it('given no socket server attached yet, then nothing is emitted and nothing is remembered (a later delivery still goes out)', () => {
    const hub = new LiveHub(new MetricsRegistry());
    const events = new LiveEvents(hub);
    events.onAgentStateChanged(stateChanged, context('env-3', stateChanged));
    const { namespace, emits } = fakeNamespace();
    hub.attach(namespace as unknown as Parameters<LiveHub['attach']>[0]);
    events.onAgentStateChanged(stateChanged, context('env-3', stateChanged));
    expect(emits).toHaveLength(1);
  });
});
