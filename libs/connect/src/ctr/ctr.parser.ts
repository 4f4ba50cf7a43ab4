import { DISCONNECT_REASONS } from '../connect-enums';
import { arn, channel, contactId, initiationMethod, username } from '../validation/connect-decoders';
import {
  anyObject,
  array,
  boolean,
  matching,
  nonNegativeInteger,
  notBefore,
  number,
  object,
  openSet,
  optional,
  recordOf,
  run,
  string,
  timestamp,
} from '../validation/decoder';
import type { ParseResult } from '../validation/validation-result';
import type {
  ContactTraceRecord,
  CtrAgent,
  CtrEndpoint,
  CtrHierarchyGroup,
  CtrHierarchyGroups,
  CtrMediaStream,
  CtrQueue,
  CtrRecording,
  CtrRecordingsItem,
  CtrRoutingProfile,
  CtrStateTransition,
  VoiceIdAuthentication,
  VoiceIdFraudDetection,
  VoiceIdResult,
} from './ctr.types';

const ts = optional(timestamp);
const duration = optional(nonNegativeInteger);
const text = optional(string());
const score = optional(number({ min: 0, max: 100 }));
const mediaType = openSet(['AUDIO', 'VIDEO', 'CHAT']);
const recordingStatus = openSet(['AVAILABLE', 'DELETED', 'NULL']);

const hierarchyGroup = object<CtrHierarchyGroup>({
  ARN: arn,
  GroupName: optional(string({ min: 1, max: 256 })),
});

const hierarchyGroups = object<CtrHierarchyGroups>({
  Level1: optional(hierarchyGroup),
  Level2: optional(hierarchyGroup),
  Level3: optional(hierarchyGroup),
  Level4: optional(hierarchyGroup),
  Level5: optional(hierarchyGroup),
});

const routingProfile = object<CtrRoutingProfile>({ ARN: arn, Name: optional(string({ min: 1, max: 100 })) });

const stateTransition = object<CtrStateTransition>({
  stateStartTimestamp: ts,
  stateEndTimestamp: ts,
  state: optional(openSet(['SILENT_MONITOR', 'BARGE'])),
});

const agent = object<CtrAgent>(
  {
    ARN: arn,
    Username: optional(username),
    RoutingProfile: optional(routingProfile),
    HierarchyGroups: optional(hierarchyGroups),
    ConnectedToAgentTimestamp: ts,
    AgentInteractionDuration: duration,
    CustomerHoldDuration: duration,
    NumberOfHolds: duration,
    LongestHoldDuration: duration,
    AfterContactWorkStartTimestamp: ts,
    AfterContactWorkEndTimestamp: ts,
    AfterContactWorkDuration: duration,
    stateTransitions: optional(array(stateTransition)),
  },
  { checks: [notBefore('AfterContactWorkEndTimestamp', 'AfterContactWorkStartTimestamp')] },
);

const queue = object<CtrQueue>(
  {
    ARN: arn,
    Name: optional(string({ min: 1, max: 256 })),
    EnqueueTimestamp: ts,
    DequeueTimestamp: ts,
    Duration: duration,
  },
  { checks: [notBefore('DequeueTimestamp', 'EnqueueTimestamp')] },
);

const endpoint = object<CtrEndpoint>({
  Address: string({ min: 1, max: 256 }),
  Type: optional(openSet(['TELEPHONE_NUMBER'])),
});

const mediaStream = object<CtrMediaStream>({ Type: mediaType });

const recording = object<CtrRecording>({
  Location: optional(string({ max: 256 })),
  Status: optional(recordingStatus),
  Type: optional(openSet(['AUDIO'])),
  DeletionReason: text,
});

const recordingsItem = object<CtrRecordingsItem>({
  Location: optional(string({ max: 256 })),
  Status: optional(recordingStatus),
  DeletionReason: text,
  MediaStreamType: optional(mediaType),
  ParticipantType: optional(openSet(['All', 'Manager', 'Agent', 'Customer', 'Thirdparty', 'Supervisor'])),
  StartTimestamp: ts,
  StopTimestamp: ts,
  StorageType: optional(openSet(['S3', 'KINESIS_VIDEO_STREAM'])),
  FragmentStartNumber: text,
  FragmentStopNumber: text,
});

const voiceIdAuthentication = object<VoiceIdAuthentication>({
  ScoreThreshold: score,
  MinimumSpeechInSeconds: optional(number({ min: 5, max: 10 })),
  Score: score,
  Result: optional(
    openSet(['Authenticated', 'Not Authenticated', 'Not Enrolled', 'Opted Out', 'Inconclusive', 'Error']),
  ),
});

const voiceIdFraudDetection = object<VoiceIdFraudDetection>({
  ScoreThreshold: score,
  Result: optional(openSet(['High Risk', 'Low Risk', 'Inconclusive', 'Error'])),
  Reasons: optional(array(string())),
  RiskScoreKnownFraudster: score,
  RiskScoreVoiceSpoofing: score,
  RiskScoreSyntheticSpeech: score,
  GeneratedFraudsterID: optional(string({ min: 1, max: 25 })),
  WatchlistID: optional(string({ min: 1, max: 22 })),
});

const voiceIdResult = object<VoiceIdResult>({
  SpeakerEnrolled: optional(boolean),
  SpeakerOptedOut: optional(boolean),
  GeneratedSpeakerId: optional(string({ min: 1, max: 25 })),
  Authentication: optional(voiceIdAuthentication),
  FraudDetection: optional(voiceIdFraudDetection),
});

/**
 * Required: what identifies the record and orders its copies (ContactId, LastUpdateTimestamp), and what every
 * contact has by construction. Everything else may be absent or null, as the docs allow.
 */
export const contactTraceRecordDecoder = object<ContactTraceRecord>(
  {
    AWSAccountId: optional(matching(/^\d{12}$/, 'a 12-digit AWS account id')),
    AWSContactTraceRecordFormatVersion: text,
    Agent: optional(agent),
    AgentConnectionAttempts: duration,
    Attributes: optional(recordOf(string())),
    Channel: channel,
    ConnectedToSystemTimestamp: ts,
    ContactDetails: optional(anyObject),
    ContactId: contactId,
    CustomerEndpoint: optional(endpoint),
    DisconnectReason: optional(openSet(DISCONNECT_REASONS)),
    DisconnectTimestamp: ts,
    InitialContactId: optional(contactId),
    InitiationMethod: initiationMethod,
    InitiationTimestamp: timestamp,
    InstanceARN: arn,
    LastUpdateTimestamp: timestamp,
    MediaStreams: optional(array(mediaStream)),
    NextContactId: optional(contactId),
    PreviousContactId: optional(contactId),
    Queue: optional(queue),
    Recording: optional(recording),
    Recordings: optional(array(recordingsItem)),
    References: optional(array(anyObject)),
    RelatedContactId: optional(contactId),
    ScheduledTimestamp: ts,
    SystemEndpoint: optional(endpoint),
    TransferCompletedTimestamp: ts,
    TransferredToEndpoint: optional(endpoint),
    VoiceIdResult: optional(voiceIdResult),
    AnsweringMachineDetectionStatus: text,
    Campaign: optional(object<{ CampaignId?: string | null }>({ CampaignId: text })),
    ContactLens: optional(anyObject),
  },
  { checks: [notBefore('DisconnectTimestamp', 'InitiationTimestamp')] },
);

export function parseCtr(input: unknown): ParseResult<ContactTraceRecord> {
  return run(contactTraceRecordDecoder, input);
}
