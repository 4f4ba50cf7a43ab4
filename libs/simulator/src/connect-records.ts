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

/** A voice turn as Contact Lens writes it (the admin guide's post-call sample, Raw output). */
export interface TranscriptTurn {
  BeginOffsetMillis: number;
  Content: string;
  EndOffsetMillis: number;
  Id: string;
  ParticipantId: 'AGENT' | 'CUSTOMER';
  Sentiment: TranscriptSentiment;
  /** One loudness score per second of the turn. */
  LoudnessScore: number[];
}

/** A chat item as Contact Lens writes it (the admin guide's post-chat sample): messages and events alike. */
export interface ChatTranscriptItem {
  AbsoluteTime: string;
  /** Messages only. */
  Content?: string;
  ContentType: 'text/plain' | 'text/markdown' | `application/vnd.amazonaws.connect.event.${string}`;
  DisplayName: string;
  Id: string;
  ParticipantId: string;
  ParticipantRole: 'AGENT' | 'CUSTOMER' | 'SYSTEM';
  Type: 'MESSAGE' | 'EVENT';
}

interface PeriodScore {
  BeginOffsetMillis: number;
  EndOffsetMillis: number;
  Score: number;
}

interface BeginEnd {
  BeginScore: number;
  EndScore: number;
}

interface ResponseTimeDetails {
  Average: { ValueMillis: number };
  Maximum: { TranscriptItems: { Id: string }[]; ValueMillis: number };
}

interface AnalysisEnvelope {
  AccountId: string;
  ContentMetadata: { Output: 'Raw' };
  /** In the post-chat sample; the post-call sample leaves it out, but real files and Amazon Lex's input format carry it. */
  CustomerMetadata: { ContactId: string; InstanceId: string; InputS3Uri: string };
  JobStatus: 'COMPLETED';
  LanguageCode: 'en-US';
  Categories: { MatchedCategories: string[]; MatchedDetails: Record<string, never> };
}

/** Contact Lens post-call analysis output, field for field as the admin guide publishes it. */
export interface ContactLensVoiceAnalysis extends AnalysisEnvelope {
  Version: 'VOICE-2022-11-30';
  Channel: 'VOICE';
  Participants: { ParticipantId: 'AGENT' | 'CUSTOMER'; ParticipantRole: 'AGENT' | 'CUSTOMER' }[];
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

/** Contact Lens post-chat analysis output, field for field as the admin guide publishes it. */
export interface ContactLensChatAnalysis extends AnalysisEnvelope {
  Version: 'CHAT-2022-11-30';
  Channel: 'CHAT';
  ChatTranscriptVersion: '2019-08-26';
  Participants: { DisplayName: string; ParticipantId: string; ParticipantRole: 'AGENT' | 'CUSTOMER' | 'SYSTEM' }[];
  ConversationCharacteristics: {
    ResponseTime: { AgentGreetingTimeMillis: number; DetailsByParticipantRole: { AGENT: ResponseTimeDetails; CUSTOMER: ResponseTimeDetails } };
    Sentiment: {
      DetailsByTranscriptItemGroup: { ParticipantRole: 'AGENT' | 'CUSTOMER'; ProgressiveScore: number; Sentiment: TranscriptSentiment; TranscriptItems: { Id: string }[] }[];
      OverallSentiment: {
        DetailsByInteraction: { DetailsByParticipantRole: { CUSTOMER: { WithAgent: number } } };
        DetailsByParticipantRole: { AGENT: number; CUSTOMER: number };
      };
      SentimentShift: {
        DetailsByInteraction: { DetailsByParticipantRole: { CUSTOMER: { WithAgent: BeginEnd } } };
        DetailsByParticipantRole: { AGENT: BeginEnd; CUSTOMER: BeginEnd; SYSTEM: BeginEnd };
      };
    };
  };
  Transcript: ChatTranscriptItem[];
}

export type ContactLensTranscript = ContactLensVoiceAnalysis | ContactLensChatAnalysis;
