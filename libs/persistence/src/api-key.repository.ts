import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { InvalidInputError, isApiKeyScope, normalizeScopes, type ApiKeyScope } from '@buddie/domain';
import type { ApiKeyRecord, ApiKeySummary } from './api-key.model';
import { scanAll, sendConditional } from './dynamo';

const KEY_PATTERN = /^bk_([a-z0-9]{12})_([A-Za-z0-9_-]{32})$/;

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** `bk_<keyId>_<secret>`: the id lets one GetItem find the record; the whole key is what gets hashed. */
export function generateApiKey(): { keyId: string; key: string } {
  const keyId = randomBytes(9).toString('base64url').toLowerCase().replace(/[^a-z0-9]/g, '0').slice(0, 12).padEnd(12, '0');
  const secret = randomBytes(24).toString('base64url');
  return { keyId, key: `bk_${keyId}_${secret}` };
}

/** The key id of a well-formed key, or undefined: malformed input never reaches the database. */
export function apiKeyId(key: string): string | undefined {
  return KEY_PATTERN.exec(key)?.[1];
}

export function apiKeyMatches(key: string, record: Pick<ApiKeyRecord, 'hash'>): boolean {
  const actual = Buffer.from(hashApiKey(key), 'hex');
  const expected = Buffer.from(record.hash, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

const summary = ({ hash: _hash, ...rest }: ApiKeyRecord): ApiKeySummary => rest;

/** Records written before scope lists had one `scope`; both read as a list. */
function fromItem(item: Record<string, unknown>): ApiKeyRecord {
  const { scope, scopes, ...rest } = item as Omit<ApiKeyRecord, 'scopes'> & { scope?: unknown; scopes?: unknown };
  const list = Array.isArray(scopes) ? scopes : [scope];
  return { ...rest, scopes: normalizeScopes(list.filter(isApiKeyScope)) };
}

/** API keys for the gateway, keyed by keyId. */
export class ApiKeyRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Returns the plain key exactly once; only its hash is kept. */
  async create(input: { name: string; scopes: readonly ApiKeyScope[]; createdAt: string }): Promise<{ key: string; record: ApiKeySummary }> {
    const scopes = normalizeScopes(input.scopes);
    if (scopes.length === 0) throw new InvalidInputError('a key needs at least one scope');
    const { keyId, key } = generateApiKey();
    const record: ApiKeyRecord = { keyId, name: input.name, scopes, hash: hashApiKey(key), createdAt: input.createdAt };
    await this.doc.send(new PutCommand({ TableName: this.tableName, Item: record, ConditionExpression: 'attribute_not_exists(keyId)' }));
    return { key, record: summary(record) };
  }

  async get(keyId: string): Promise<ApiKeyRecord | undefined> {
    const result = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: { keyId }, ConsistentRead: true }));
    return result.Item ? fromItem(result.Item) : undefined;
  }

  /** A handful of keys per installation: a scan is the simplest correct listing. */
  async list(): Promise<ApiKeySummary[]> {
    const items = await scanAll(this.doc, { TableName: this.tableName });
    return items.map((item) => summary(fromItem(item))).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  /** Idempotent: revoking twice keeps the first revocation time. False when the key does not exist. */
  async revoke(keyId: string, at: string): Promise<boolean> {
    return sendConditional(
      this.doc,
      new UpdateCommand({
        TableName: this.tableName,
        Key: { keyId },
        UpdateExpression: 'SET revokedAt = if_not_exists(revokedAt, :at)',
        ConditionExpression: 'attribute_exists(keyId)',
        ExpressionAttributeValues: { ':at': at },
      }),
    );
  }

  async recordUse(keyId: string, at: string): Promise<void> {
    await sendConditional(
      this.doc,
      new UpdateCommand({
        TableName: this.tableName,
        Key: { keyId },
        UpdateExpression: 'SET lastUsedAt = :at',
        ConditionExpression: 'attribute_exists(keyId) AND (attribute_not_exists(lastUsedAt) OR lastUsedAt < :at)',
        ExpressionAttributeValues: { ':at': at },
      }),
    );
  }
}
