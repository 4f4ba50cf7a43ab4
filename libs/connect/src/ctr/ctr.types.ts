import type { Channel, DisconnectReason, InitiationMethod } from '../connect-enums';
import type { OpenString } from '../validation/decoder';

/**
 * Contact trace record as documented in ctr-data-model.md (CONNECT-FORMATS.md section a). Timestamps are
 * kept as the ISO strings Connect sent. Fields not declared here are kept on the parsed object as well.
 */
export interface ContactTraceRecord {
  AWSAccountId?: string | null;
  AWSContactTraceRecordFormatVersion?: string | null;
  Agent?: CtrAgent | null;
  AgentConnectionAttempts?: number | null;
  Attributes?: Record<string, string> | null;
  Channel: Channel;
  ConnectedToSystemTimestamp?: string | null;
  /** Tasks only; the docs leave the shape loose. */
  ContactDetails?: Record<string, unknown> | null;
  ContactId: string;
  CustomerEndpoint?: CtrEndpoint | null;
  DisconnectReason?: DisconnectReason | null;
  DisconnectTimestamp?: string | null;
  InitialContactId?: string | null;
  InitiationMethod: InitiationMethod;
  InitiationTimestamp: string;
  InstanceARN: string;
  /** The dedupe key among redelivered copies: keep the greatest. */
  LastUpdateTimestamp: string;
  MediaStreams?: CtrMediaStream[] | null;
  NextContactId?: string | null;
  PreviousContactId?: string | null;
  Queue?: CtrQueue | null;
  /** First recording only, kept by AWS for older consumers; `Recordings` has all of them. */
  Recording?: CtrRecording | null;
  Recordings?: CtrRecordingsItem[] | null;
  References?: Array<Record<string, unknown>> | null;
  RelatedContactId?: string | null;
  ScheduledTimestamp?: string | null;
  SystemEndpoint?: CtrEndpoint | null;
  TransferCompletedTimestamp?: string | null;
  TransferredToEndpoint?: CtrEndpoint | null;
  VoiceIdResult?: VoiceIdResult | null;
  /** Seen in real records, not on the documented page. */
  AnsweringMachineDetectionStatus?: string | null;
  Campaign?: { CampaignId?: string | null } | null;
  /** Only in later versions of the docs; shape left open. */
  ContactLens?: Record<string, unknown> | null;
}

export interface CtrAgent {
  ARN: string;
  Username?: string | null;
  RoutingProfile?: CtrRoutingProfile | null;
  HierarchyGroups?: CtrHierarchyGroups | null;
  ConnectedToAgentTimestamp?: string | null;
  AgentInteractionDuration?: number | null;
  CustomerHoldDuration?: number | null;
  NumberOfHolds?: number | null;
  LongestHoldDuration?: number | null;
  AfterContactWorkStartTimestamp?: string | null;
  AfterContactWorkEndTimestamp?: string | null;
  AfterContactWorkDuration?: number | null;
  /** MONITOR records only; lower camel case as AWS publishes it. */
  stateTransitions?: CtrStateTransition[] | null;
}

export interface CtrRoutingProfile {
  ARN: string;
  Name?: string | null;
}

export interface CtrHierarchyGroup {
  ARN: string;
  /** The CTR says GroupName; agent events say Name for the same thing. */
  GroupName?: string | null;
}

export interface CtrHierarchyGroups {
  Level1?: CtrHierarchyGroup | null;
  Level2?: CtrHierarchyGroup | null;
  Level3?: CtrHierarchyGroup | null;
  Level4?: CtrHierarchyGroup | null;
  Level5?: CtrHierarchyGroup | null;
}

export interface CtrStateTransition {
  stateStartTimestamp?: string | null;
  stateEndTimestamp?: string | null;
  state?: OpenString<'SILENT_MONITOR' | 'BARGE'> | null;
}

export interface CtrQueue {
  ARN: string;
  Name?: string | null;
  EnqueueTimestamp?: string | null;
  DequeueTimestamp?: string | null;
  Duration?: number | null;
}

export interface CtrEndpoint {
  /** E.164 for phone numbers, but a callback handled by a softphone agent shows "Softphone". */
  Address: string;
  Type?: OpenString<'TELEPHONE_NUMBER'> | null;
}

export interface CtrMediaStream {
  Type: OpenString<'AUDIO' | 'VIDEO' | 'CHAT'>;
}

export type RecordingStatus = OpenString<'AVAILABLE' | 'DELETED' | 'NULL'>;

export interface CtrRecording {
  /** S3 path without the s3:// scheme. */
  Location?: string | null;
  Status?: RecordingStatus | null;
  Type?: OpenString<'AUDIO'> | null;
  DeletionReason?: string | null;
}

export interface CtrRecordingsItem {
  Location?: string | null;
  Status?: RecordingStatus | null;
  DeletionReason?: string | null;
  /** CHAT means a chat transcript. */
  MediaStreamType?: OpenString<'AUDIO' | 'VIDEO' | 'CHAT'> | null;
  /** Casing of real values is undocumented. */
  ParticipantType?: OpenString<'All' | 'Manager' | 'Agent' | 'Customer' | 'Thirdparty' | 'Supervisor'> | null;
  StartTimestamp?: string | null;
  StopTimestamp?: string | null;
  StorageType?: OpenString<'S3' | 'KINESIS_VIDEO_STREAM'> | null;
  FragmentStartNumber?: string | null;
  FragmentStopNumber?: string | null;
}

export interface VoiceIdResult {
  SpeakerEnrolled?: boolean | null;
  SpeakerOptedOut?: boolean | null;
  GeneratedSpeakerId?: string | null;
  Authentication?: VoiceIdAuthentication | null;
  FraudDetection?: VoiceIdFraudDetection | null;
}

export interface VoiceIdAuthentication {
  ScoreThreshold?: number | null;
  MinimumSpeechInSeconds?: number | null;
  Score?: number | null;
  Result?: OpenString<
    'Authenticated' | 'Not Authenticated' | 'Not Enrolled' | 'Opted Out' | 'Inconclusive' | 'Error'
  > | null;
}

export interface VoiceIdFraudDetection {
  ScoreThreshold?: number | null;
  Result?: OpenString<'High Risk' | 'Low Risk' | 'Inconclusive' | 'Error'> | null;
  Reasons?: string[] | null;
  RiskScoreKnownFraudster?: number | null;
  RiskScoreVoiceSpoofing?: number | null;
  RiskScoreSyntheticSpeech?: number | null;
  GeneratedFraudsterID?: string | null;
  WatchlistID?: string | null;
}
