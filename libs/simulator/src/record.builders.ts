import type { ContactTraceRecord, CtrAgent, CtrQueue, CtrRecordingsItem, Endpoint, InitiationMethod } from './connect-records';
import type { AgentDef, QueueDef } from './topology';
import { ACCOUNT_ID, CENTER_NUMBER, INSTANCE_ARN, OUTBOUND_CALLER_ID, RECORDING_BUCKET } from './topology';

/** CTR timestamps have whole seconds; everything else keeps milliseconds. */
export function floorSecond(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

export function isoSeconds(ms: number): string {
  return new Date(floorSecond(ms)).toISOString().slice(0, 19) + 'Z';
}

export function isoMillis(ms: number): string {
  return new Date(ms).toISOString();
}

/** What the engine knows about a finished contact; the CTR is derived from it and nothing else. */
export interface ContactFacts {
  id: string;
  channel: 'VOICE' | 'CHAT';
  method: InitiationMethod;
  initiationMs: number;
  systemMs: number | null;
  customerNumber: string | null;
  attributes: Record<string, string>;
  initialId: string | null;
  previousId: string | null;
  nextId: string | null;
  queue: QueueDef | null;
  enqueueMs: number | null;
  dequeueMs: number | null;
  attempts: number;
  agent: AgentDef | null;
  connectedMs: number | null;
  holds: [number, number][];
  disconnectMs: number;
  disconnectReason: string | null;
  acwStartMs: number | null;
  acwEndMs: number | null;
}

const seconds = (a: number, b: number): number => (floorSecond(b) - floorSecond(a)) / 1000;

function recordingPath(facts: ContactFacts, startMs: number, chat: boolean): string {
  const iso = new Date(startMs).toISOString();
  const day = iso.slice(0, 10).replace(/-/g, '/');
  const stamp = `${iso.slice(0, 10).replace(/-/g, '')}T${iso.slice(11, 16)}_UTC`;
  return `${RECORDING_BUCKET}/connect/example-corp/${chat ? 'ChatTranscripts' : 'CallRecordings'}/${day}/${facts.id}_${stamp}.${chat ? 'json' : 'wav'}`;
}

/** When the agent and the customer were both on the line (AgentInteractionDuration starts here). */
export function interactionStartMs(facts: ContactFacts): number {
  const connected = facts.connectedMs as number;
  return facts.systemMs === null ? connected : Math.max(floorSecond(connected), floorSecond(facts.systemMs));
}

export function buildCtr(facts: ContactFacts, lastUpdateMs: number, recordings: boolean): ContactTraceRecord {
  let agent: CtrAgent | null = null;
  if (facts.agent !== null && facts.connectedMs !== null && facts.acwStartMs !== null && facts.acwEndMs !== null) {
    const holdSeconds = facts.holds.map(([s, e]) => seconds(s, e));
    const hold = holdSeconds.reduce((a, b) => a + b, 0);
    const h = facts.agent.hierarchy;
    agent = {
      ARN: facts.agent.arn,
      AfterContactWorkDuration: seconds(facts.acwStartMs, facts.acwEndMs),
      AfterContactWorkEndTimestamp: isoSeconds(facts.acwEndMs),
      AfterContactWorkStartTimestamp: isoSeconds(facts.acwStartMs),
      AgentInteractionDuration: Math.max(0, seconds(interactionStartMs(facts), facts.disconnectMs) - hold),
      ConnectedToAgentTimestamp: isoSeconds(facts.connectedMs),
      CustomerHoldDuration: hold,
      HierarchyGroups: {
        Level1: { ARN: h.Level1.ARN, GroupName: h.Level1.Name },
        Level2: { ARN: h.Level2.ARN, GroupName: h.Level2.Name },
        Level3: { ARN: h.Level3.ARN, GroupName: h.Level3.Name },
        Level4: null,
        Level5: null,
      },
      LongestHoldDuration: holdSeconds.length === 0 ? 0 : Math.max(...holdSeconds),
      NumberOfHolds: holdSeconds.length,
      RoutingProfile: { ARN: facts.agent.profile.arn, Name: facts.agent.profile.name },
      Username: facts.agent.username,
    };
  }
  let queue: CtrQueue | null = null;
  if (facts.queue !== null) {
    const enq = facts.enqueueMs;
    const deq = facts.dequeueMs;
    queue = {
      ARN: facts.queue.arn,
      DequeueTimestamp: deq === null ? null : isoSeconds(deq),
      Duration: enq === null || deq === null ? 0 : seconds(enq, deq),
      EnqueueTimestamp: enq === null ? null : isoSeconds(enq),
      Name: facts.queue.name,
    };
  }
  const chat = facts.channel === 'CHAT';
  let recording: ContactTraceRecord['Recording'] = null;
  let recordingsList: CtrRecordingsItem[] | null = null;
  if (recordings && agent !== null && (chat || facts.systemMs !== null)) {
    const startMs = chat ? floorSecond(facts.connectedMs as number) : interactionStartMs(facts);
    const location = recordingPath(facts, startMs, chat);
    recordingsList = [
      {
        DeletionReason: null,
        FragmentStartNumber: null,
        FragmentStopNumber: null,
        Location: location,
        MediaStreamType: chat ? 'CHAT' : 'AUDIO',
        ParticipantType: 'All',
        StartTimestamp: isoSeconds(startMs),
        Status: 'AVAILABLE',
        StopTimestamp: isoSeconds(facts.disconnectMs),
        StorageType: 'S3',
      },
    ];
    if (!chat) recording = { DeletionReason: null, Location: location, Status: 'AVAILABLE', Type: 'AUDIO' };
  }
  const customer: Endpoint | null = facts.customerNumber === null ? null : { Address: facts.customerNumber, Type: 'TELEPHONE_NUMBER' };
  let system: Endpoint | null = null;
  if (!chat) {
    const address = facts.method === 'OUTBOUND' ? OUTBOUND_CALLER_ID : facts.method === 'CALLBACK' ? 'Softphone' : CENTER_NUMBER;
    system = { Address: address, Type: 'TELEPHONE_NUMBER' };
  }
  return {
    Agent: agent,
    AgentConnectionAttempts: facts.attempts,
    Attributes: facts.attributes,
    AWSAccountId: ACCOUNT_ID,
    AWSContactTraceRecordFormatVersion: '2017-03-10',
    Channel: facts.channel,
    ConnectedToSystemTimestamp: facts.systemMs === null ? null : isoSeconds(facts.systemMs),
    ContactDetails: {},
    ContactId: facts.id,
    CustomerEndpoint: customer,
    DisconnectReason: facts.disconnectReason,
    DisconnectTimestamp: isoSeconds(facts.disconnectMs),
    InitialContactId: facts.initialId,
    InitiationMethod: facts.method,
    InitiationTimestamp: isoSeconds(facts.initiationMs),
    InstanceARN: INSTANCE_ARN,
    LastUpdateTimestamp: isoSeconds(lastUpdateMs),
    MediaStreams: [{ Type: chat ? 'CHAT' : 'AUDIO' }],
    NextContactId: facts.nextId,
    PreviousContactId: facts.previousId,
    Queue: queue,
    Recording: recording,
    Recordings: recordingsList,
    References: [],
    RelatedContactId: null,
    ScheduledTimestamp: null,
    SystemEndpoint: system,
    TransferCompletedTimestamp: null,
    TransferredToEndpoint: null,
    VoiceIdResult: null,
  };
}
