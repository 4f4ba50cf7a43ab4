import { assembleJourney } from './journey.assemble';
import { journeyAnalytics } from './journey.analytics';
import { journeyContactFromCtr } from './journey-contact';
import type { FlowLogStepInput, Journey } from './journey.model';

const MENU = { Text: 'For billing, press 1. For agents, press 0.' };

function call(id: string, start: string, menuResults: (string | undefined)[], end: 'queue' | 'hangup' | 'self', caller = id): Journey {
  const at = Date.parse(start);
  let t = at;
  const entries: FlowLogStepInput[] = [];
  const log = (type: string, identifier: string, extra: Partial<FlowLogStepInput> = {}) => {
    t += 2000;
    entries.push({ ContactId: id, ContactFlowName: 'Main IVR', ContactFlowId: 'f', ContactFlowModuleType: type, Identifier: identifier, Timestamp: new Date(t).toISOString(), ...extra });
  };
  log('PlayPrompt', 'welcome');
  for (const r of menuResults) log('GetUserInput', 'menu', { Parameters: MENU, ...(r === undefined ? {} : { Results: r }) });
  if (end === 'queue') log('TransferToQueue', 'transfer');
  if (end === 'self') log('SetAttributes', 'self', { Parameters: { Key: 'selfService', Value: 'true' } });
  const disconnect = new Date(t + 3000).toISOString();
  const queued = end === 'queue' ? { Name: 'Billing', EnqueueTimestamp: new Date(t).toISOString(), DequeueTimestamp: disconnect } : null;
  return assembleJourney({
    contactId: id,
    entries,
    contact: journeyContactFromCtr(
      { ContactId: id, Channel: 'VOICE', InitiationMethod: 'INBOUND', InitiationTimestamp: start, DisconnectTimestamp: disconnect, DisconnectReason: 'CUSTOMER_DISCONNECT', Queue: queued, Agent: end === 'queue' ? { ConnectedToAgentTimestamp: disconnect } : null },
      caller,
    ),
  });
}

describe('journeyAnalytics', () => {
  const journeys = [
    call('a', '2024-03-12T09:05:00Z', ['1'], 'self', 'caller-1'),
    call('b', '2024-03-12T09:40:00Z', ['Timeout', '0'], 'queue'),
    call('c', '2024-03-12T10:10:00Z', ['9', 'Timeout', undefined], 'hangup'),
    call('d', '2024-03-12T11:00:00Z', ['1'], 'self', 'caller-1'),
  ];
  const analytics = journeyAnalytics(journeys, { bucket: 'hour' });

  it('given a simulated morning, then containment counts the repeat caller out of true containment', () => {
    expect(analytics.totals).toMatchObject({ contacts: 4, contained: 2, trulyContained: 1, routedToAgent: 1, abandonedInIvr: 1, containmentRate: 0.5, trueContainmentRate: 0.25, ivrAbandonmentRate: 0.25 });
  });

  it('then the top failure step is the menu', () => {
    expect(analytics.totals.topFailureSteps[0]).toMatchObject({ label: 'Menu "For billing, press 1. For agents, press 0."', count: 1 });
    expect(analytics.totals.topFailureSteps.map((f) => f.kind).sort()).toEqual(['input-retries', 'menu-loop']);
  });

  it('then hours are bucketed per flow', () => {
    expect(analytics.byFlow.map((f) => f.flowName)).toEqual(['Main IVR']);
    expect(analytics.byFlow[0].buckets.map((b) => [b.start, b.contacts])).toEqual([
      ['2024-03-12T09:00:00.000Z', 2],
      ['2024-03-12T10:00:00.000Z', 1],
      ['2024-03-12T11:00:00.000Z', 1],
    ]);
  });

  it('then the waterfall says how many reached each block and what happened there', () => {
    const [welcome, menu, self, transfer] = analytics.byFlow[0].waterfall;
    expect(self).toMatchObject({ label: 'Set selfService', reached: 2, disconnected: 2 });
    expect(welcome).toMatchObject({ label: 'Prompt', reached: 4, advanced: 4, avgMs: 2000 });
    expect(menu).toMatchObject({ reached: 4, advanced: 3, timedOut: 2, noMatch: 1, disconnected: 1, transferred: 0 });
    expect(transfer).toMatchObject({ label: 'Transfer to queue', reached: 1, transferred: 1 });
  });
});
