import type { Node } from 'constructs';
import { BuddieConfig, loadConfig } from '@buddie/config';

/** Where each app's container image comes from. */
export type ImageSource =
  /** Built by `cdk deploy` from docker/Dockerfile (build arg APP); synth only fingerprints the sources. */
  | { kind: 'asset' }
  /** A pre-built image per app; `{app}` in the template is replaced by the app name. */
  | { kind: 'registry'; uriTemplate: string };

/** Everything that differs between two deployments of the same topology. */
export interface BuddieDeploySettings {
  resourcePrefix: string;
  desiredCount: number;
  maxReceiveCount: number;
  image: ImageSource;
  /** When set, Connect is told to write CTRs and agent events to Buddie's streams. */
  connectInstanceArn?: string;
  /** The instance's contact flow log group, subscribed into the flow-logs stream when set. */
  connectFlowLogGroupName?: string;
  /**
   * ivr-journey also searches that log group (FilterLogEvents, per contact) for a contact whose subscription
   * deliveries never came: its task role gets logs:FilterLogEvents on that group only, and FLOW_LOG_GROUP.
   */
  flowLogSearch: boolean;
  /** Where Connect writes recordings and chat transcripts; imported, never owned, when set. */
  recordingsBucketName?: string;
  /** The KMS key of the recordings bucket, when Connect encrypts with a customer key. */
  recordingsKmsKeyArn?: string;
  /** ACM certificate for an HTTPS listener on the gateway's load balancer. */
  certificateArn?: string;
  /** An existing Salesforce credentials secret; otherwise the stack creates an empty one. */
  salesforceSecretArn?: string;
  bedrockModelId: string;
  alertEmail?: string;
  redisNodeType: string;
  /** Keep tables and owned buckets when the stack is deleted (production). */
  retainData: boolean;
}

export const DEFAULT_BEDROCK_MODEL_ID = 'anthropic.claude-3-5-sonnet-20240620-v1:0';

const defaults = new BuddieConfig();

/** Settings from CDK context (`cdk.json` or `-c key=value`, which arrive as strings). */
export function readDeploySettings(node: Node): BuddieDeploySettings {
  const text = (key: string): string | undefined => {
    const value: unknown = node.tryGetContext(key);
    if (value === undefined || value === null || value === '') return undefined;
    return String(value);
  };
  const int = (key: string, fallback: number): number => {
    const raw = text(key);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 0) throw new Error(`context ${key} must be a non-negative integer, got '${raw}'`);
    return value;
  };
  const bool = (key: string, fallback: boolean): boolean => {
    const raw = text(key);
    return raw === undefined ? fallback : ['1', 'true', 'yes', 'on'].includes(raw.toLowerCase());
  };
  const imageUriTemplate = text('imageUriTemplate');

  return validateDeploySettings({
    resourcePrefix: text('resourcePrefix') ?? defaults.RESOURCE_PREFIX,
    desiredCount: int('desiredCount', 1),
    maxReceiveCount: int('maxReceiveCount', defaults.MAX_RECEIVE_COUNT),
    image: imageUriTemplate ? { kind: 'registry', uriTemplate: imageUriTemplate } : { kind: 'asset' },
    connectInstanceArn: text('connectInstanceArn'),
    connectFlowLogGroupName: text('connectFlowLogGroupName'),
    flowLogSearch: bool('flowLogSearch', false),
    recordingsBucketName: text('recordingsBucketName'),
    recordingsKmsKeyArn: text('recordingsKmsKeyArn'),
    certificateArn: text('certificateArn'),
    salesforceSecretArn: text('salesforceSecretArn'),
    bedrockModelId: text('bedrockModelId') ?? DEFAULT_BEDROCK_MODEL_ID,
    alertEmail: text('alertEmail'),
    redisNodeType: text('redisNodeType') ?? 'cache.t4g.micro',
    retainData: bool('retainData', true),
  });
}

/**
 * The apps validate RESOURCE_PREFIX and MAX_RECEIVE_COUNT at boot; checking them here with the same
 * rules fails the synth instead of a deployment whose tasks then refuse to start.
 */
export function validateDeploySettings(settings: BuddieDeploySettings): BuddieDeploySettings {
  loadConfig(BuddieConfig, {
    RESOURCE_PREFIX: settings.resourcePrefix,
    EVENT_BUS_NAME: settings.resourcePrefix,
    MAX_RECEIVE_COUNT: String(settings.maxReceiveCount),
  });
  if (settings.flowLogSearch && !settings.connectFlowLogGroupName) throw new Error('context flowLogSearch needs connectFlowLogGroupName: the log group it searches');
  if (settings.image.kind === 'registry' && !settings.image.uriTemplate.includes('{app}'))
    throw new Error(`context imageUriTemplate must contain {app}, got '${settings.image.uriTemplate}'`);
  return settings;
}
