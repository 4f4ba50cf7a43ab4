import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, type PutCommand, type UpdateCommand } from '@aws-sdk/lib-dynamodb';
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

/** DynamoDB refused a write because its condition did not hold (matched by name too, whichever SDK copy threw it). */
export function isConditionalCheckFailed(error: unknown): error is ConditionalCheckFailedException {
  return error instanceof ConditionalCheckFailedException || (error as { name?: string } | null)?.name === 'ConditionalCheckFailedException';
}

/** Sends a conditional write: true when it was applied, false when its condition did not hold; other errors throw. */
export async function sendConditional(doc: DynamoDBDocumentClient, command: PutCommand | UpdateCommand): Promise<boolean> {
  try {
    // send() is overloaded per command type and takes no union; either command is sent the same way.
    await doc.send(command as UpdateCommand);
    return true;
  } catch (error) {
    if (isConditionalCheckFailed(error)) return false;
    throw error;
  }
}

/** The document client repositories are built on, named here so apps wire repositories without importing the SDK. */
export type DynamoDoc = DynamoDBDocumentClient;
