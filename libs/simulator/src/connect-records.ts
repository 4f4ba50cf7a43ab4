/**
 * The shapes the simulator emits. They mirror what Amazon Connect produces (see
 * shared/reference/CONNECT-FORMATS.md and shared/fixtures/synthetic); libs/connect owns the parsers.
 */

export interface Endpoint {
  Address: string;
  Type: 'TELEPHONE_NUMBER';
}

export interface CtrHierarchyGroup {
  ARN: string;
  GroupName: string;
}

export interface CtrAgent {
  ARN: string;
  AfterContactWorkDuration: number;
  AfterContactWorkEndTimestamp: string;
  AfterContactWorkStartTimestamp: string;
  AgentInteractionDuration: number;
  ConnectedToAgentTimestamp: string;
  CustomerHoldDuration: number;
  HierarchyGroups: { Level1: CtrHierarchyGroup | null; Level2: CtrHierarchyGroup | null; Level3: CtrHierarchyGroup | null; Level4: null; Level5: null };
  LongestHoldDuration: number;
  NumberOfHolds: number;
  RoutingProfile: { ARN: string; Name: string };
  Username: string;
}

export interface CtrQueue {
  ARN: string;
  DequeueTimestamp: string | null;
  Duration: number;
  EnqueueTimestamp: string | null;
  Name: string;
}

export interface CtrRecording {
  DeletionReason: null;
  Location: string;
  Status: 'AVAILABLE';
  Type: 'AUDIO';
}

export interface CtrRecordingsItem {
  DeletionReason: null;
  FragmentStartNumber: null;
  FragmentStopNumber: null;
  Location: string;
  MediaStreamType: 'AUDIO' | 'CHAT';
  ParticipantType: 'All';
  StartTimestamp: string;
  Status: 'AVAILABLE';
  StopTimestamp: string;
  StorageType: 'S3';
}

export type InitiationMethod = 'INBOUND' | 'OUTBOUND' | 'TRANSFER' | 'CALLBACK' | 'API';

export interface ContactTraceRecord {
  Agent: CtrAgent | null;
  AgentConnectionAttempts: number;
  Attributes: Record<string, string>;
  AWSAccountId: string;
  AWSContactTraceRecordFormatVersion: string;
  Channel: 'VOICE' | 'CHAT';
  ConnectedToSystemTimestamp: string | null;
  ContactDetails: Record<string, never>;
  ContactId: string;
  CustomerEndpoint: Endpoint | null;
  DisconnectReason: string | null;
  DisconnectTimestamp: string;
  InitialContactId: string | null;
  InitiationMethod: InitiationMethod;
  InitiationTimestamp: string;
  InstanceARN: string;
  LastUpdateTimestamp: string;
  MediaStreams: { Type: 'AUDIO' | 'CHAT' }[];
  NextContactId: string | null;
  PreviousContactId: string | null;
  Queue: CtrQueue | null;
  Recording: CtrRecording | null;
  Recordings: CtrRecordingsItem[] | null;
  References: never[];
  RelatedContactId: null;
  ScheduledTimestamp: null;
  SystemEndpoint: Endpoint | null;
  TransferCompletedTimestamp: null;
  TransferredToEndpoint: null;
  VoiceIdResult: null;
}

export interface AgentStatusRef {
  ARN: string;
  Name: string;
  StartTimestamp: string;
  Type: 'ROUTABLE' | 'CUSTOM' | 'OFFLINE';
}

export interface NextAgentStatusRef {
  ARN: string;
  EnqueuedTimestamp: string;
  Name: string;
}

export interface SnapshotQueue {
  ARN: string;
  Channels: string[];
  Name: string | null;
}

export interface AgentConfiguration {
  AgentHierarchyGroups: {
    Level1: { ARN: string; Name: string };
    Level2: { ARN: string; Name: string };
    Level3: { ARN: string; Name: string };
    Level4: null;
    Level5: null;
  };
  FirstName: string;
  LastName: string;
  RoutingProfile: {
    ARN: string;
    Concurrency: { AvailableSlots: number; Channel: string; MaximumSlots: number }[];
    DefaultOutboundQueue: SnapshotQueue;
    InboundQueues: SnapshotQueue[];
    Name: string;
  };
  Username: string;
}

export type SnapshotContactState = 'CONNECTING' | 'CONNECTED' | 'CONNECTED_ONHOLD' | 'MISSED' | 'ENDED';

export interface SnapshotContact {
  Channel: 'VOICE' | 'CHAT';
  ConnectedToAgentTimestamp: string | null;
  ContactId: string;
  InitialContactId: string | null;
  InitiationMethod: InitiationMethod;
  Queue: SnapshotQueue;
  QueueTimestamp: string | null;
  State: SnapshotContactState;
  StateStartTimestamp: string;
}

export interface AgentSnapshot {
  AgentStatus: AgentStatusRef;
  Configuration: AgentConfiguration;
  Contacts: SnapshotContact[];
  NextAgentStatus?: NextAgentStatusRef;
}

export type AgentEventType = 'LOGIN' | 'LOGOUT' | 'STATE_CHANGE' | 'HEART_BEAT';

export interface AgentEventRecord {
  AWSAccountId: string;
  AgentARN: string;
  CurrentAgentSnapshot: AgentSnapshot;
  EventId: string;
  EventTimestamp: string;
  EventType: AgentEventType;
  InstanceARN: string;
  PreviousAgentSnapshot: AgentSnapshot | null;
  Version: '2019-05-25';
}

export interface FlowLogEntry {
  ContactId: string;
  ContactFlowId: string;
  ContactFlowName: string;
  ContactFlowModuleType: string;
  Identifier: string;
  Timestamp: string;
  Parameters: Record<string, unknown>;
  Results?: string;
  ExternalResults?: Record<string, string>;
}

export type TranscriptSentiment = 'POSITIVE' | 'NEGATIVE' | 'NEUTRAL' | 'MIXED';

export interface TranscriptTurn {
  ParticipantId: 'AGENT' | 'CUSTOMER';
  Id: string;
  Content: string;
  BeginOffsetMillis: number;
  EndOffsetMillis: number;
  Sentiment: TranscriptSentiment;
  /** Chat only: when the message was sent. */
  AbsoluteTime?: string;
  ParticipantRole?: 'AGENT' | 'CUSTOMER';
  ContentType?: 'text/plain';
}

interface PeriodScore {
  BeginOffsetMillis: number;
  EndOffsetMillis: number;
  Score: number;
}

/** Contact Lens post-call analysis output (the fields Buddie reads, plus the usual envelope). */
export interface ContactLensTranscript {
  Version: 'VOICE-2022-11-30' | 'CHAT-2022-11-30';
  AccountId: string;
  Channel: 'VOICE' | 'CHAT';
  ContactId: string;
  ContentMetadata: { Output: 'Raw' };
  CustomerMetadata: { ContactId: string; InstanceId: string; InputS3Uri: string };
  JobStatus: 'COMPLETED';
  LanguageCode: 'en-US';
  Participants: { ParticipantId: 'AGENT' | 'CUSTOMER'; ParticipantRole: 'AGENT' | 'CUSTOMER' }[];
  Categories: { MatchedCategories: string[]; MatchedDetails: Record<string, never> };
  ConversationCharacteristics: {
    TotalConversationDurationMillis: number;
    Sentiment: {
      OverallSentiment: { AGENT: number; CUSTOMER: number };
      SentimentByPeriod: { QUARTER: { AGENT: PeriodScore[]; CUSTOMER: PeriodScore[] } };
    };
    Interruptions: { InterruptionsByInterrupter: Record<string, never>; TotalCount: number; TotalTimeMillis: number };
    NonTalkTime: { TotalTimeMillis: number; Instances: { BeginOffsetMillis: number; EndOffsetMillis: number; DurationMillis: number }[] };
    TalkSpeed: { DetailsByParticipant: { AGENT: { AverageWordsPerMinute: number }; CUSTOMER: { AverageWordsPerMinute: number } } };
    TalkTime: { TotalTimeMillis: number; DetailsByParticipant: { AGENT: { TotalTimeMillis: number }; CUSTOMER: { TotalTimeMillis: number } } };
  };
  CustomModels: never[];
  Transcript: TranscriptTurn[];
}
