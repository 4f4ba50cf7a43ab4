import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { KinesisClient } from '@aws-sdk/client-kinesis';
import { SQSClient } from '@aws-sdk/client-sqs';
import { awsClientSettings, type BuddieConfig } from '@buddie/config';

export function createSqsClient(config: BuddieConfig): SQSClient {
  return new SQSClient(awsClientSettings(config, 'sqs'));
}

export function createEventBridgeClient(config: BuddieConfig): EventBridgeClient {
  return new EventBridgeClient(awsClientSettings(config, 'eventbridge'));
}

export function createKinesisClient(config: BuddieConfig): KinesisClient {
  return new KinesisClient(awsClientSettings(config, 'kinesis'));
}
