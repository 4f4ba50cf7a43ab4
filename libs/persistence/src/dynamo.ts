import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { awsClientSettings, physicalName, type BuddieConfig } from '@buddie/config';

export function createDynamoClients(config: BuddieConfig): { client: DynamoDBClient; doc: DynamoDBDocumentClient } {
  const client = new DynamoDBClient(awsClientSettings(config, 'dynamodb'));
  const doc = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: true },
  });
  return { client, doc };
}

export function tableName(config: BuddieConfig, logical: string): string {
  return physicalName(config, logical);
}
