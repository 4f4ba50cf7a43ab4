import { unmarshall } from '@aws-sdk/util-dynamodb';
import { GetCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { readFullPage, type Page } from './cursor';
import { batchGetItems, isConditionalCheckFailed, queryAll, sendConditional, type BatchGetOptions } from './dynamo';
import type { ContactCtrWrite, ContactItem, PipelineStage } from './contact.model';

/**
 * created: first copy. updated / unchanged: a newer LastUpdateTimestamp, with / without a material change.
 * stale: older than the stored copy (not kept). duplicate: the same timestamp and the same content.
 * conflict: the same timestamp and different content, which Connect's contract rules out: the copy whose
 * material fingerprint (SHA-256 of the canonical record) sorts higher is kept, so every arrival order
 * ends with the same stored record; reported whichever copy won.
 */
export type CtrUpsertOutcome = 'created' | 'updated' | 'unchanged' | 'stale' | 'duplicate' | 'conflict';

export interface CtrUpsertResult {
  outcome: CtrUpsertOutcome;
  /** The contact as stored after the call (for stale, duplicate and a lost conflict, the copy that was already there). */
  contact: ContactItem;
  /** True while the stored version has not been announced with ContactCompleted yet. */
  needsPublish: boolean;
}

export interface ContactListQuery {
  limit?: number;
  cursor?: string;
  channel?: string;
  agentUsername?: string;
  queueName?: string;
  initiationMethod?: string;
  status?: ContactItem['status'];
}

type StoredContact = Omit<ContactItem, 'pipeline'> & Record<string, unknown>;

const LIST_PARTITION = 'CONTACT';
const PIPELINE_STAGES: PipelineStage[] = ['ingested', 'transcribed', 'summarized', 'journey', 'synced'];
const NO_FINGERPRINT = '-';

function fromStored(item: Record<string, unknown>): ContactItem {
  const pipeline: ContactItem['pipeline'] = {};
  const contact: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(item)) {
    const stage = key.startsWith('pipeline_') ? (key.slice('pipeline_'.length) as PipelineStage) : undefined;
    if (stage && PIPELINE_STAGES.includes(stage)) pipeline[stage] = value as string;
    else if (!['listPartition', 'listSort', 'previousFingerprint', 'previousCtrUpdatedAtMs'].includes(key)) contact[key] = value;
  }
  return { ...(contact as unknown as StoredContact), pipeline } as ContactItem;
}

/**
 * Contacts keyed by ContactId. Connect delivers CTRs at least once and re-sends the whole record on
 * updates, so a write lands only if its LastUpdateTimestamp is newer than the stored one (at an equal
 * timestamp, only if its content fingerprint sorts higher: see CtrUpsertOutcome); the
 * material fingerprint tells a real change from a re-send, and publishedFingerprint records which
 * version was announced, so a crash between write and publish is healed by the next redelivery.
 */
export class ContactRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async upsertCtr(write: ContactCtrWrite, ingestedAt: string): Promise<CtrUpsertResult> {
    const updatedAtMs = Date.parse(write.lastUpdateTimestamp);
    const fields: Record<string, unknown> = {
      ...write,
      status: 'completed',
      ctrUpdatedAtMs: updatedAtMs,
      listPartition: LIST_PARTITION,
      listSort: `${write.initiationTimestamp}#${write.contactId}`,
    };
    delete fields.contactId;
    const names: Record<string, string> = {
      '#fp': 'fingerprint',
      '#ts': 'ctrUpdatedAtMs',
      '#prev': 'previousFingerprint',
      '#prevTs': 'previousCtrUpdatedAtMs',
      '#ingested': 'pipeline_ingested',
    };
    const values: Record<string, unknown> = { ':none': NO_FINGERPRINT, ':noTs': -1, ':ingestedAt': ingestedAt };
    const sets = ['#prev = if_not_exists(#fp, :none)', '#prevTs = if_not_exists(#ts, :noTs)', '#ingested = if_not_exists(#ingested, :ingestedAt)'];
    for (const [index, [key, value]] of Object.entries(fields).entries()) {
      const name = key === 'fingerprint' ? '#fp' : key === 'ctrUpdatedAtMs' ? '#ts' : `#f${index}`;
      names[name] = key;
      values[`:v${index}`] = value;
      sets.push(`${name} = :v${index}`);
    }
    try {
      const result = await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { contactId: write.contactId },
          UpdateExpression: `SET ${sets.join(', ')}`,
          ConditionExpression: 'attribute_not_exists(#ts) OR #ts < :v_ts OR (#ts = :v_ts AND #fp < :v_fp)',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: { ...values, ':v_ts': updatedAtMs, ':v_fp': write.fingerprint },
          ReturnValues: 'ALL_NEW',
        }),
      );
      const stored = result.Attributes as Record<string, unknown>;
      const previous = stored.previousFingerprint as string;
      const contact = fromStored(stored);
      const outcome: CtrUpsertOutcome =
        previous === NO_FINGERPRINT ? 'created' : stored.previousCtrUpdatedAtMs === updatedAtMs ? 'conflict' : previous === write.fingerprint ? 'unchanged' : 'updated';
      return { outcome, contact, needsPublish: contact.fingerprint !== contact.publishedFingerprint };
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      const current = error.Item ? fromStored(unmarshall(error.Item)) : await this.get(write.contactId);
      if (!current) throw error;
      const outcome: CtrUpsertOutcome = current.ctrUpdatedAtMs !== updatedAtMs ? 'stale' : current.fingerprint === write.fingerprint ? 'duplicate' : 'conflict';
      return { outcome, contact: current, needsPublish: current.fingerprint !== current.publishedFingerprint };
    }
  }

  async markPublished(contactId: string, fingerprint: string): Promise<void> {
    // Not applied when a newer version landed meanwhile; its own ingestion announces it.
    await sendConditional(
      this.doc,
      new UpdateCommand({
        TableName: this.tableName,
        Key: { contactId },
        UpdateExpression: 'SET publishedFingerprint = :fp',
        ConditionExpression: 'fingerprint = :fp',
        ExpressionAttributeValues: { ':fp': fingerprint },
      }),
    );
  }

  /** Records a contact event (idempotent: the same event twice sets the same value). Never touches CTR data. */
  async recordContactEvent(contactId: string, eventType: string, timestamp: string, conversationId: string): Promise<void> {
    await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { contactId },
        UpdateExpression:
          'SET contactEvents = if_not_exists(contactEvents, :empty), #status = if_not_exists(#status, :inProgress), conversationId = if_not_exists(conversationId, :conv)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':empty': {}, ':inProgress': 'in-progress', ':conv': conversationId },
      }),
    );
    await sendConditional(
      this.doc,
      new UpdateCommand({
        TableName: this.tableName,
        Key: { contactId },
        UpdateExpression: 'SET contactEvents.#type = :ts',
        ConditionExpression: 'attribute_not_exists(contactEvents.#type) OR contactEvents.#type < :ts',
        ExpressionAttributeNames: { '#type': eventType },
        ExpressionAttributeValues: { ':ts': timestamp },
      }),
    );
  }

  async markStage(contactId: string, stage: PipelineStage, at: string): Promise<void> {
    await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { contactId },
        UpdateExpression: 'SET #stage = :at',
        ConditionExpression: 'attribute_exists(contactId)',
        ExpressionAttributeNames: { '#stage': `pipeline_${stage}` },
        ExpressionAttributeValues: { ':at': at },
      }),
    );
  }

  async get(contactId: string): Promise<ContactItem | undefined> {
    const result = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: { contactId }, ConsistentRead: true }));
    return result.Item ? fromStored(result.Item) : undefined;
  }

  /** Many contacts at once (BatchGetItem, 100 keys a request, unprocessed keys retried), strongly consistent; unknown ids are absent. */
  async getMany(contactIds: string[], options?: BatchGetOptions): Promise<Map<string, ContactItem>> {
    const unique = [...new Set(contactIds)];
    const items = await batchGetItems(this.doc, this.tableName, unique.map((contactId) => ({ contactId })), options);
    return new Map(items.map((item) => [String(item.contactId), fromStored(item)]));
  }

  /** Newest first; a full page of matches even though the filters apply after the key condition. */
  async list(query: ContactListQuery = {}): Promise<Page<ContactItem>> {
    const filters: string[] = [];
    const names: Record<string, string> = { '#lp': 'listPartition' };
    const values: Record<string, unknown> = { ':lp': LIST_PARTITION };
    const filterable: (keyof ContactListQuery)[] = ['channel', 'agentUsername', 'queueName', 'initiationMethod', 'status'];
    for (const key of filterable) {
      if (query[key] === undefined) continue;
      names[`#${key}`] = key;
      values[`:${key}`] = query[key];
      filters.push(`#${key} = :${key}`);
    }
    return readFullPage({
      limit: query.limit ?? 50,
      cursor: query.cursor,
      keys: ['contactId', 'listPartition', 'listSort'],
      scope: { list: 'contacts.byRecency', fixed: { listPartition: LIST_PARTITION } },
      filtered: filters.length > 0,
      read: (start, limit) =>
        this.doc.send(
          new QueryCommand({
            TableName: this.tableName,
            IndexName: 'byRecency',
            KeyConditionExpression: '#lp = :lp',
            FilterExpression: filters.length ? filters.join(' AND ') : undefined,
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: values,
            ScanIndexForward: false,
            Limit: limit,
            ExclusiveStartKey: start,
          }),
        ),
      map: fromStored,
    });
  }

  /** Every leg of a conversation (transfers, callbacks), oldest first. */
  async listConversation(conversationId: string): Promise<ContactItem[]> {
    const items = await queryAll(this.doc, {
      TableName: this.tableName,
      IndexName: 'byConversation',
      KeyConditionExpression: 'conversationId = :c',
      ExpressionAttributeValues: { ':c': conversationId },
    });
    return items.map(fromStored);
  }
}
