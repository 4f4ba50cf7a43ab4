import { ConditionalCheckFailedException, DeleteTableCommand, DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
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

/** The document client apps hand to repositories (the DYNAMO_DOC provider); apps never import the SDK itself. */
export type DocumentClient = DynamoDBDocumentClient;

/** The health probe: one cheap call that proves the endpoint answers and the credentials work. */
export async function pingDynamo(client: DynamoDBClient): Promise<void> {
  await client.send(new ListTablesCommand({ Limit: 1 }));
}

/** Drops every table whose name starts with `prefix` (test environments clean up after themselves). */
export async function dropTablesWithPrefix(client: DynamoDBClient, prefix: string): Promise<void> {
  let start: string | undefined;
  do {
    const page = await client.send(new ListTablesCommand({ ExclusiveStartTableName: start }));
    for (const name of page.TableNames ?? []) {
      if (name.startsWith(prefix)) await client.send(new DeleteTableCommand({ TableName: name }));
    }
    start = page.LastEvaluatedTableName;
  } while (start);
}
