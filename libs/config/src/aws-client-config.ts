import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { BuddieConfig } from './buddie.config';

export type AwsService = 'dynamodb' | 'sqs' | 'kinesis' | 'eventbridge' | 'sns';

export interface AwsClientSettings {
  region: string;
  endpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
  requestHandler?: NodeHttpHandler;
  maxAttempts?: number;
}

const ENDPOINT_KEYS: Record<AwsService, keyof BuddieConfig> = {
  dynamodb: 'DYNAMODB_ENDPOINT',
  sqs: 'SQS_ENDPOINT',
  kinesis: 'KINESIS_ENDPOINT',
  eventbridge: 'EVENTBRIDGE_ENDPOINT',
  sns: 'SNS_ENDPOINT',
};

/**
 * The same SDK clients run in both worlds; only endpoints and credentials differ. In AWS mode the
 * default provider chain supplies credentials (the ECS task role).
 */
export function awsClientSettings(config: BuddieConfig, service: AwsService): AwsClientSettings {
  const endpoint = config[ENDPOINT_KEYS[service]] as string | undefined;
  const settings: AwsClientSettings = { region: config.AWS_REGION, maxAttempts: 5 };
  if (endpoint) settings.endpoint = endpoint;
  if (config.BUDDIE_MODE === 'local') settings.credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
  // The v3 Kinesis client defaults to HTTP/2, which the emulator's plain-http endpoint does not speak.
  if (service === 'kinesis') settings.requestHandler = new NodeHttpHandler({ connectionTimeout: 5000, requestTimeout: 30000 });
  return settings;
}
