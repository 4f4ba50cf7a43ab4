import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { BuddieConfig } from './buddie.config';

export type AwsService = 'dynamodb' | 'sqs' | 'kinesis' | 'eventbridge' | 'sns' | 's3' | 'transcribe' | 'bedrock' | 'logs';

export interface AwsClientSettings {
  region: string;
  endpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
  requestHandler?: NodeHttpHandler;
  maxAttempts?: number;
  /** S3 only: bucket in the path, not the host name (emulators and custom endpoints). */
  forcePathStyle?: boolean;
}

/** Per-call overrides a caller owns (the LLM provider's own timeout, for one). */
export interface AwsClientOverrides {
  requestTimeoutMs?: number;
  connectionTimeoutMs?: number;
  maxAttempts?: number;
}

interface ServiceProfile {
  endpoint(config: BuddieConfig): string | undefined;
  maxAttempts: number;
  /** Needs an HTTP/1.1 handler with these timeouts (ms). */
  http?: { connectionTimeout: number; requestTimeout: number };
}

/** Endpoints that only some apps' configs declare (validated there); read without widening BuddieConfig. */
function optionalEndpoint(config: BuddieConfig, key: 'BEDROCK_ENDPOINT'): string | undefined {
  const value = (config as BuddieConfig & Partial<Record<typeof key, string>>)[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * Each AWS service's own settings, in one place. Before, S3 and Transcribe borrowed the SQS settings;
 * now every service says where it is and how hard the SDK retries it.
 */
const SERVICES: Record<AwsService, ServiceProfile> = {
  dynamodb: { endpoint: (c) => c.DYNAMODB_ENDPOINT, maxAttempts: 5 },
  sqs: { endpoint: (c) => c.SQS_ENDPOINT, maxAttempts: 5 },
  // The v3 Kinesis client defaults to HTTP/2, which the emulator's plain-http endpoint does not speak.
  kinesis: { endpoint: (c) => c.KINESIS_ENDPOINT, maxAttempts: 5, http: { connectionTimeout: 5000, requestTimeout: 30000 } },
  eventbridge: { endpoint: (c) => c.EVENTBRIDGE_ENDPOINT, maxAttempts: 5 },
  sns: { endpoint: (c) => c.SNS_ENDPOINT, maxAttempts: 5 },
  // fauxqs serves S3 on the SQS endpoint locally.
  s3: { endpoint: (c) => c.S3_ENDPOINT ?? (c.BUDDIE_MODE === 'local' ? c.SQS_ENDPOINT : undefined), maxAttempts: 3 },
  // Starting a job is not idempotent by name alone: a few SDK retries, then the queue's redelivery.
  transcribe: { endpoint: () => undefined, maxAttempts: 3 },
  // The summary provider retries with its own backoff and honours throttling; the SDK must not retry underneath it.
  bedrock: { endpoint: (c) => optionalEndpoint(c, 'BEDROCK_ENDPOINT'), maxAttempts: 1 },
  // CloudWatch Logs (ivr-journey's FilterLogEvents, AWS only): the adapter backs off on throttling itself, so the
  // SDK does not retry underneath it; a search page is bounded in time so a slow one cannot hold a sweep.
  logs: { endpoint: () => undefined, maxAttempts: 1, http: { connectionTimeout: 5000, requestTimeout: 15000 } },
};

/**
 * The one place SDK client settings come from (libs/runtime's createAwsClient, libs/persistence's
 * DynamoDB clients): the same clients run in both worlds, only endpoints and credentials differ. In
 * AWS mode the default provider chain supplies credentials (the ECS task role).
 */
export function awsClientSettings(config: BuddieConfig, service: AwsService, overrides: AwsClientOverrides = {}): AwsClientSettings {
  const profile = SERVICES[service];
  const endpoint = profile.endpoint(config);
  const settings: AwsClientSettings = { region: config.AWS_REGION, maxAttempts: overrides.maxAttempts ?? profile.maxAttempts };
  if (endpoint) settings.endpoint = endpoint;
  if (config.BUDDIE_MODE === 'local') settings.credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
  const timeouts = overrides.requestTimeoutMs !== undefined ? { connectionTimeout: Math.min(5000, overrides.connectionTimeoutMs ?? 5000), requestTimeout: overrides.requestTimeoutMs } : profile.http;
  if (timeouts) settings.requestHandler = new NodeHttpHandler(timeouts);
  if (service === 's3' && endpoint) settings.forcePathStyle = true;
  return settings;
}
