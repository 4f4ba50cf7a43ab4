import type { PublishableEvent } from '@buddie/messaging';

/** A JourneyFailed as ivr-journey publishes it (the catalog validates it in deliveredBody). */
export const journeyFailed = (contactId: string, outcome: 'abandoned-in-ivr' | 'failed' = 'abandoned-in-ivr'): PublishableEvent<'JourneyFailed'> => ({
  type: 'JourneyFailed',
  detail: {
    correlationId: `corr-${contactId}`,
    contactId,
    version: 1,
    outcome,
    entryFlowName: 'Main IVR',
    startedAt: '2024-03-12T14:58:00.000Z',
    failures: [{ kind: 'lambda-error', severity: 'high', stepIndex: 2, stepLabel: 'Lookup account', flowName: 'Main IVR', reason: 'The account lookup Lambda failed (Error) at step 2.' }],
  },
});

/** An AgentAlertRaised as agent-monitor publishes it: jdoe's long hold, at this severity. */
export const alertRaised = (alertId: string, severity: 'info' | 'warning' | 'critical'): PublishableEvent<'AgentAlertRaised'> => ({
  type: 'AgentAlertRaised',
  detail: {
    correlationId: `corr-${alertId}-${severity}`,
    alertId,
    agentId: 'agent-jdoe',
    ruleId: 'long-hold',
    severity,
    message: `jdoe has had a customer on hold (${severity})`,
    startedAt: '2024-03-12T14:54:00.000Z',
    raisedAt: '2024-03-12T15:00:00.000Z',
    clearedAt: null,
    lastValue: 360,
    status: 'open',
  },
});
