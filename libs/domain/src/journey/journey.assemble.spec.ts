import { readJson, readJsonLines, sharedPath } from '../../../testing/src/fixtures';
import { assembleJourney, maskFlowLogEntry } from './journey.assemble';
import { journeyContactFromCtr, type JourneyCtrLike } from './journey-contact';
import { DEFAULT_JOURNEY_CONFIG, validateJourneyConfig } from './journey-rules';
import type { FlowLogStepInput } from './journey.model';

const synthetic = (name: string): string => sharedPath('fixtures', 'synthetic', name);
const ctr = (name: string): JourneyCtrLike => readJson<JourneyCtrLike>(synthetic(name));
const flowLog = (name: string): FlowLogStepInput[] => readJsonLines<FlowLogStepInput>(synthetic(name));

const CTR04 = ctr('ctr-04-ivr-only-caller-hung-up-in-menu.json');
const LOG04 = flowLog('contact-flow-log-04-ivr-only-menu-timeout-nomatch-hangup.jsonl');
const CTR08 = ctr('ctr-08-ivr-error-flow-disconnect.json');
const FLOW = { ContactId: 'c-1', ContactFlowId: 'arn:flow/main', ContactFlowName: 'Main IVR' };

function entry(moduleType: string, at: string, extra: Partial<FlowLogStepInput> = {}): FlowLogStepInput {
  return { ...FLOW, ContactFlowModuleType: moduleType, Timestamp: `2024-03-12T10:00:${at}Z`, Identifier: `${moduleType}-${at}`, ...extra };
}

function contact(overrides: Partial<JourneyCtrLike> = {}): JourneyCtrLike {
  return {
    ContactId: 'c-1',
    Channel: 'VOICE',
    InitiationMethod: 'INBOUND',
    InitiationTimestamp: '2024-03-12T10:00:00Z',
    DisconnectTimestamp: '2024-03-12T10:05:00Z',
    DisconnectReason: 'CUSTOMER_DISCONNECT',
    Attributes: {},
    ...overrides,
  };
}

describe('assembleJourney', () => {
  describe('given the ctr-04 contact and its flow log', () => {
    const journey = assembleJourney({ contactId: CTR04.ContactId, entries: LOG04, contact: journeyContactFromCtr(CTR04, 'caller-a') });

    it('then every logged block is a step, in order, with the time spent on it', () => {
      expect(journey.steps.map((s) => s.moduleType)).toEqual(LOG04.map((e) => e.ContactFlowModuleType));
      expect(journey.steps[0]).toMatchObject({ label: 'SetLoggingBehavior', kind: 'logging', flowName: 'Main IVR', startedAt: '2024-03-12T16:40:02.318Z', durationMs: 84 });
      // The last block runs until the CTR's disconnect.
      expect(journey.steps[15]).toMatchObject({ endedAt: '2024-03-12T16:40:40.000Z', durationMs: 7345, status: 'no-result' });
      expect(journey.entryCount).toBe(16);
    });

    it('then the menu shows a time-out, an invalid key and a hang-up during the third prompt', () => {
      const menu = journey.steps.filter((s) => s.moduleType === 'GetUserInput');
      expect(menu.map((s) => s.status)).toEqual(['timeout', 'no-match', 'no-result']);
      expect(journey.inputs).toEqual([
        { stepIndex: 7, value: 'Timeout', masked: false, status: 'timeout' },
        { stepIndex: 11, value: '7', masked: false, status: 'no-match' },
      ]);
      expect(journey.prompts).toContain("Sorry, we didn't receive a selection.");
      expect(journey.endedAtStep).toEqual({ index: 15, label: 'Menu "For billing, press 1. For orders, press 2. To speak with so…"', flowName: 'Main IVR' });
    });

    it('then it is abandoned in the IVR (Connect: dropped) after the time-out + no-match loop', () => {
      expect(journey.outcome).toBe('abandoned-in-ivr');
      expect(journey.flowOutcome).toBe('DROPPED');
      expect(journey.ivrMs).toBe(38_000);
      expect(journey.failed).toBe(true);
      const retries = journey.failures.find((f) => f.kind === 'input-retries');
      expect(retries).toMatchObject({ stepIndex: 11, severity: 'medium' });
      expect(retries?.reason).toBe('The caller could not get past Menu "For billing, press 1. For orders, press 2. To speak with so…": 1 time-out (nothing pressed) and 1 invalid key (7).');
      expect(journey.failures.find((f) => f.kind === 'menu-loop')).toMatchObject({ stepIndex: 15 });
      expect(journey.failures.map((f) => f.kind)).not.toContain('lambda-error');
    });

    it('when the entries arrive shuffled and twice over, then the journey is the same', () => {
      const shuffled = [...LOG04, ...LOG04].reverse();
      expect(assembleJourney({ contactId: CTR04.ContactId, entries: shuffled, contact: journeyContactFromCtr(CTR04, 'caller-a') })).toEqual(journey);
    });
  });

  describe('given the ctr-08 contact, whose flow log never arrived', () => {
    const journey = assembleJourney({ contactId: CTR08.ContactId, entries: [], contact: journeyContactFromCtr(CTR08, null) });

    it('then the steps come from the attributes the flow set (lookupStatus=error)', () => {
      expect(journey.steps).toHaveLength(1);
      expect(journey.steps[0]).toMatchObject({ source: 'ctr-attributes', label: 'lookup', status: 'error', results: 'error' });
    });

    it('then it failed at the error step: the flow disconnected after the lookup failed', () => {
      expect(journey.outcome).toBe('failed');
      expect(journey.flowOutcome).toBe('DISCONNECTED_PARTICIPANT');
      const kinds = journey.failures.map((f) => f.kind);
      expect(kinds).toEqual(['error-branch', 'flow-error-disconnect']);
      expect(journey.failures[1]).toMatchObject({ stepIndex: 0, stepLabel: 'lookup', severity: 'high' });
      expect(journey.failures[1].reason).toContain('hung up on the caller after lookup failed');
    });
  });

  describe('given a Lambda error followed by an apology and a Disconnect block', () => {
    const entries = [
      entry('InvokeExternalResource', '01.000', { Parameters: { FunctionArn: 'arn:aws:lambda:us-east-1:1:function:crm-lookup' }, Results: 'The Lambda Function Returned An Error.' }),
      entry('PlayPrompt', '02.000', { Parameters: { Text: 'Sorry, technical difficulties.' } }),
      entry('Disconnect', '06.000'),
    ];
    const journey = assembleJourney({ contactId: 'c-1', entries, contact: { ...journeyContactFromCtr(contact({ DisconnectReason: 'CONTACT_FLOW_DISCONNECT' }), null) } });

    it('then the Lambda step is the failure, named with its function', () => {
      expect(journey.outcome).toBe('failed');
      expect(journey.failures[0]).toMatchObject({ kind: 'lambda-error', stepIndex: 0, stepLabel: 'Lambda crm-lookup' });
      expect(journey.failures[0].reason).toContain('"The Lambda Function Returned An Error."');
      expect(journey.failures[1]).toMatchObject({ kind: 'flow-error-disconnect', stepIndex: 0 });
    });
  });

  describe('given a caller who keys in a card number', () => {
    const entries = [
      entry('StoreUserInput', '01.000', { Parameters: { Text: 'Please enter your card number.' }, Results: '4111111111111111' }),
      entry('GetUserInput', '20.000', { Parameters: { Text: 'Enter your account PIN.' }, Results: '1234' }),
      entry('InvokeExternalResource', '25.000', { Parameters: { FunctionArn: 'f' }, ExternalResults: { account: '123456789', status: 'ok' } }),
    ];
    const journey = assembleJourney({ contactId: 'c-1', entries });

    it('then no raw digits are kept: the card keeps its last four, the PIN nothing', () => {
      expect(journey.inputs.map((i) => i.value)).toEqual(['************1111', '****']);
      expect(journey.inputs.every((i) => i.masked)).toBe(true);
      expect(journey.steps[2].externalResults).toEqual({ account: '*********', status: 'ok' });
      expect(JSON.stringify(journey)).not.toContain('4111111111111111');
    });
  });

  describe('given the entries masked for storage (maskFlowLogEntry) while the journey waits for its other half', () => {
    const entries = [
      entry('PlayPrompt', '00.500', { Parameters: { Text: 'For your account balance, press 1.' } }),
      entry('GetUserInput', '01.000', { Parameters: { Text: 'For your account balance, press 1.' }, Results: '1' }),
      entry('StoreUserInput', '05.000', { Parameters: { Text: 'Please enter your card number.' }, Results: '4111 1111 1111 1111' }),
      entry('StoreUserInput', '09.000', { Parameters: { Text: 'Please enter your card number.' }, Results: 'Timeout' }),
      entry('GetUserInput', '20.000', { Parameters: { Text: 'Enter your account PIN.' }, Results: '1234' }),
      entry('GetUserInput', '24.000', { Parameters: { Text: 'Enter your member number.' }, Results: 'Error' }),
      entry('InvokeExternalResource', '25.000', { Parameters: { FunctionArn: 'f', Parameters: { account: '9876543210' } }, ExternalResults: { account: '123456789', status: 'ok' } }),
    ];
    const stored = entries.map(maskFlowLogEntry);

    it('then no stored entry holds the keyed-in card or PIN digits, nor long digit strings', () => {
      const text = JSON.stringify(stored);
      for (const raw of ['4111 1111 1111 1111', '"1234"', '9876543210', '123456789']) expect(text).not.toContain(raw);
      expect(stored[2]).toMatchObject({ Results: '************1111', ResultsMasked: true });
      expect(stored[4]).toMatchObject({ Results: '****', ResultsMasked: true });
    });

    it('then menu keys, time-outs and error texts stay as they were (they are no digits to hide and decide the step status)', () => {
      expect([stored[1].Results, stored[3].Results, stored[5].Results]).toEqual(['1', 'Timeout', 'Error']);
    });

    it('then the journey assembled from the stored entries is the one assembled from the raw entries, and masking twice changes nothing', () => {
      expect(assembleJourney({ contactId: 'c-1', entries: stored })).toEqual(assembleJourney({ contactId: 'c-1', entries }));
      expect(stored.map(maskFlowLogEntry)).toEqual(stored);
    });

    it('then the synthetic ctr-04 log (menu keys and time-outs only) is stored as it came', () => {
      expect(LOG04.map(maskFlowLogEntry)).toEqual(LOG04);
    });
  });

  describe('given a transfer to another flow and a nested customer queue flow', () => {
    const entries = [
      entry('PlayPrompt', '01.000'),
      entry('TransferToFlow', '02.000'),
      { ...entry('GetUserInput', '03.000', { Results: '1', Parameters: { Text: 'Press 1 for sales.' } }), ContactFlowId: 'arn:flow/sales', ContactFlowName: 'Sales' },
      { ...entry('SetQueue', '04.000'), ContactFlowId: 'arn:flow/sales', ContactFlowName: 'Sales' },
      { ...entry('TransferToQueue', '05.000'), ContactFlowId: 'arn:flow/sales', ContactFlowName: 'Sales' },
      { ...entry('PlayPrompt', '06.000'), ContactFlowId: 'arn:flow/queue', ContactFlowName: 'Queue music' },
    ];
    const routed = assembleJourney({
      contactId: 'c-1',
      entries,
      contact: journeyContactFromCtr(contact({ Queue: { Name: 'Sales', EnqueueTimestamp: '2024-03-12T10:00:05Z', DequeueTimestamp: '2024-03-12T10:00:50Z' }, Agent: { ConnectedToAgentTimestamp: '2024-03-12T10:00:50Z' } }), null),
    });

    it('then the flows are listed with how the contact got there and their depth', () => {
      expect(routed.flows.map((f) => [f.flowName, f.via, f.depth])).toEqual([
        ['Main IVR', 'entry', 0],
        ['Sales', 'transfer', 0],
        ['Queue music', 'nested', 1],
      ]);
      expect(routed.flowOutcome).toBe('TRANSFERRED_TO_QUEUE');
      expect(routed.outcome).toBe('routed-to-agent');
      expect(routed.ivrMs).toBe(5000);
      expect(routed.queueMs).toBe(45_000);
      expect(routed.failed).toBe(false);
    });

    it('when nobody answered within the queue threshold, then it is a long queue abandonment', () => {
      const abandoned = assembleJourney({
        contactId: 'c-1',
        entries,
        contact: journeyContactFromCtr(contact({ Queue: { Name: 'Sales', EnqueueTimestamp: '2024-03-12T10:00:05Z', DequeueTimestamp: '2024-03-12T10:04:05Z' } }), null),
      });
      expect(abandoned.outcome).toBe('abandoned-in-queue');
      expect(abandoned.failures).toEqual([expect.objectContaining({ kind: 'queue-abandon', stepLabel: 'Transfer to queue' })]);
      expect(abandoned.failures[0].reason).toBe('The caller waited 240 s in queue and hung up before an agent answered.');
    });
  });

  describe('given self-service that the flow marks with selfService=true', () => {
    const entries = [entry('SetAttributes', '01.000', { Parameters: { Key: 'selfService', Value: 'true' } }), entry('PlayPrompt', '02.000')];
    it('then the caller hanging up afterwards is contained, not abandoned', () => {
      expect(assembleJourney({ contactId: 'c-1', entries, contact: journeyContactFromCtr(contact(), null) }).outcome).toBe('contained');
    });
  });

  describe('given a long wait in the IVR before hanging up', () => {
    const entries = [entry('PlayPrompt', '01.000'), entry('PlayPrompt', '30.000')];
    it('then ivr-abandon fires past the threshold and names the last step', () => {
      const journey = assembleJourney({ contactId: 'c-1', entries, contact: journeyContactFromCtr(contact({ DisconnectTimestamp: '2024-03-12T10:01:30Z' }), null) });
      expect(journey.failures).toEqual([expect.objectContaining({ kind: 'ivr-abandon', stepIndex: 1, reason: 'The caller hung up after 90 s in the IVR, at Prompt.' })]);
    });
    it('when the rule is raised to 120 s, then it does not', () => {
      const validated = validateJourneyConfig({ rules: { 'ivr-abandon': { afterSeconds: 120 } } });
      if (!validated.ok) throw new Error('config should be valid');
      const journey = assembleJourney({ contactId: 'c-1', entries, contact: journeyContactFromCtr(contact({ DisconnectTimestamp: '2024-03-12T10:01:30Z' }), null), config: validated.config });
      expect(journey.failures).toEqual([]);
    });
  });

  describe('given the same caller called 3 hours earlier', () => {
    it('then the new journey is a repeat call of the earlier contact', () => {
      const journey = assembleJourney({
        contactId: 'c-1',
        entries: [entry('PlayPrompt', '01.000'), entry('Disconnect', '02.000')],
        contact: journeyContactFromCtr(contact({ DisconnectReason: 'CONTACT_FLOW_DISCONNECT' }), 'caller-a'),
        priorContacts: [
          { contactId: 'old', startedAt: '2024-03-12T07:00:00Z', outcome: 'contained' },
          { contactId: 'older', startedAt: '2024-03-10T07:00:00Z', outcome: 'contained' },
        ],
      });
      expect(journey.repeatOf).toBe('old');
      expect(journey.outcome).toBe('contained');
      expect(journey.failures).toEqual([expect.objectContaining({ kind: 'repeat-caller', severity: 'low', stepIndex: 0 })]);
      expect(journey.failures[0].reason).toBe('Same caller again 3.0 h after contact old, which ended contained: that call did not settle it.');
    });
  });

  describe('given entries only, no CTR yet', () => {
    it('then the journey is in progress and says it has no contact', () => {
      const journey = assembleJourney({ contactId: 'c-1', entries: [entry('PlayPrompt', '01.000')] });
      expect(journey).toMatchObject({ outcome: 'in-progress', hasContact: false, flowOutcome: 'UNKNOWN' });
    });
    it('then entries of another contact are ignored', () => {
      expect(assembleJourney({ contactId: 'c-2', entries: [entry('PlayPrompt', '01.000')] }).steps).toEqual([]);
    });
  });
});

describe('validateJourneyConfig', () => {
  it('given nothing, then the defaults', () => {
    expect(validateJourneyConfig(undefined)).toEqual({ ok: true, config: DEFAULT_JOURNEY_CONFIG });
  });
  it('given bad values, then every problem with its path', () => {
    const result = validateJourneyConfig({ rules: { 'menu-loop': { visits: 1, colour: 'red' }, 'menu-lop': {}, 'lambda-error': { enabled: 'yes', severity: 'huge' } }, convention: { errorValues: [] }, extra: 1 });
    expect(result).toEqual({
      ok: false,
      issues: [
        { path: 'extra', message: 'unknown field' },
        { path: 'rules.menu-loop.visits', message: 'must be an integer from 2 to 50' },
        { path: 'rules.menu-loop.colour', message: 'unknown field' },
        { path: 'rules.menu-lop', message: expect.stringContaining('unknown rule') },
        { path: 'rules.lambda-error.enabled', message: 'must be a boolean' },
        { path: 'rules.lambda-error.severity', message: 'must be one of low, medium, high' },
        { path: 'convention.errorValues', message: 'must be a non-empty array of strings' },
      ],
    });
  });
});
