import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { KinesisClient } from '@aws-sdk/client-kinesis';
import { S3Client } from '@aws-sdk/client-s3';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { TranscribeClient } from '@aws-sdk/client-transcribe';
import { awsClientSettings, type AwsClientOverrides, type BuddieConfig } from '@buddie/config';

/** DynamoDB is not here: its clients are libs/persistence's (createDynamoClients), from the same settings. */
const CLIENTS = {
  sqs: SQSClient,
  eventbridge: EventBridgeClient,
  kinesis: KinesisClient,
  sns: SNSClient,
  s3: S3Client,
  transcribe: TranscribeClient,
  bedrock: BedrockRuntimeClient,
  logs: CloudWatchLogsClient,
} as const;

export type AwsClientKind = keyof typeof CLIENTS;
export type AwsClientOf<K extends AwsClientKind> = InstanceType<(typeof CLIENTS)[K]>;

/** The one AWS client factory: every SDK client an app uses, built from its service's own settings. */
export function createAwsClient<K extends AwsClientKind>(config: BuddieConfig, service: K, overrides?: AwsClientOverrides): AwsClientOf<K> {
  const Client = CLIENTS[service] as unknown as new (settings: ReturnType<typeof awsClientSettings>) => AwsClientOf<K>;
  return new Client(awsClientSettings(config, service, overrides));
}

export function createSqsClient(config: BuddieConfig): SQSClient {
  return createAwsClient(config, 'sqs');
}

export function createEventBridgeClient(config: BuddieConfig): EventBridgeClient {
  return createAwsClient(config, 'eventbridge');
}

export function createKinesisClient(config: BuddieConfig): KinesisClient {
  return createAwsClient(config, 'kinesis');
}
