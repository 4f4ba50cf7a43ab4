import { DeleteCommand, GetCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { decodeCursor, encodeCursor, type Page } from './cursor';
import { batchGetItems, isConditionalCheckFailed, sendConditional } from './dynamo';

export type SalesforceSyncState = 'pending' | 'synced' | 'failed';
/**
 * case: a conversation's Case; task: an escalation's Task; voicecall: the Service Cloud Voice calls of a
 * conversation whose Case is synced (updated by Id after it, retried on its own, never by re-sending the Case).
 */
export type SalesforceSyncKind = 'case' | 'task' | 'voicecall';

/** What a Task is built from, kept on its sync record so a re-send needs no other read. */
export interface SalesforceTaskSnapshot {
  escalationId: string;
  contactId: string | null;
  conversationId: string | null;
  severity: string;
  status: string;
  title: string;
  description: string;
  createdAt: string;
}

/**
 * One Buddie record's way into Salesforce: a conversation's Case (`case:<InitialContactId>`), its
 * VoiceCalls (`voicecall:<InitialContactId>`, salesforceId the VoiceCall ids, comma-separated) or an
 * escalation's Task (`task:<escalationId>`). `revision` grows with every new source version (a new leg,
 * an escalation status); a send is recorded only against the revision it carried, so a change that
 * arrives mid-flight is sent again and a confirmed write is never sent twice.
 */
export interface SalesforceSyncRecord {
  recordKey: string;
  kind: SalesforceSyncKind;
  /** The conversation id (case) or escalation id (task). */
  sourceId: string;
  state: SalesforceSyncState;
  revision: number;
  /** Source versions already taken in (a replayed event adds nothing and re-sends nothing). */
  versions: string[];
  contactIds: string[];
  conversationId?: string;
  task?: SalesforceTaskSnapshot;
  sobject?: string;
  salesforceId?: string;
  errorCode?: string;
  reason?: string;
  /** Last transient problem (outage, limit), kept while the record stays pending. */
  lastError?: string;
  attempts: number;
  correlationId?: string;
  createdAt: string;
  updatedAt: string;
  pendingSince?: string;
  syncedAt?: string;
}

export interface SalesforceSyncPending {
  kind: SalesforceSyncKind;
  sourceId: string;
  version: string;
  contactId?: string;
  /** Several at once (a VoiceCall record names every leg of its Case). */
  contactIds?: string[];
  conversationId?: string;
  task?: SalesforceTaskSnapshot;
  correlationId?: string;
}

export function syncRecordKey(kind: SalesforceSyncKind, sourceId: string): string {
  return `${kind}:${sourceId}`;
}

function fromStored(item: Record<string, unknown>): SalesforceSyncRecord {
  const toArray = (value: unknown): string[] => (value instanceof Set ? [...(value as Set<string>)] : Array.isArray(value) ? (value as string[]) : []);
  return { ...(item as unknown as SalesforceSyncRecord), versions: toArray(item.versions), contactIds: toArray(item.contactIds), attempts: Number(item.attempts ?? 0) };
}

export class SalesforceSyncRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /**
   * Records that a source version is due. Returns the record when it became (or stayed) pending with
   * this version new to it, undefined when the version was already taken in (a replay).
   */
  async markPending(input: SalesforceSyncPending, at: string): Promise<SalesforceSyncRecord | undefined> {
    const names: Record<string, string> = { '#state': 'state', '#versions': 'versions', '#kind': 'kind' };
    const values: Record<string, unknown> = {
      ':pending': 'pending',
      ':at': at,
      ':one': 1,
      ':v': input.version,
      ':vset': new Set([input.version]),
      ':kind': input.kind,
      ':source': input.sourceId,
      ':zero': 0,
    };
    const sets = ['#state = :pending', 'updatedAt = :at', '#kind = :kind', 'sourceId = :source', 'createdAt = if_not_exists(createdAt, :at)', 'attempts = if_not_exists(attempts, :zero)'];
    const adds = ['revision :one', '#versions :vset'];
    const contactIds = [...(input.contactId ? [input.contactId] : []), ...(input.contactIds ?? [])];
    if (contactIds.length > 0) {
      adds.push('contactIds :cset');
      values[':cset'] = new Set(contactIds);
    }
    if (input.conversationId) {
      sets.push('conversationId = :conv');
      values[':conv'] = input.conversationId;
    }
    if (input.task) {
      sets.push('#task = :task');
      names['#task'] = 'task';
      values[':task'] = input.task;
    }
    if (input.correlationId) {
      sets.push('correlationId = :corr');
      values[':corr'] = input.correlationId;
    }
    // Keeps the oldest time the record has been waiting since it was last settled.
    sets.push('pendingSince = if_not_exists(pendingSince, :at)');
    try {
      const result = await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { recordKey: syncRecordKey(input.kind, input.sourceId) },
          UpdateExpression: `SET ${sets.join(', ')} ADD ${adds.join(', ')} REMOVE errorCode, reason`,
          ConditionExpression: 'attribute_not_exists(recordKey) OR NOT contains(#versions, :v)',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_NEW',
        }),
      );
      return result.Attributes ? fromStored(result.Attributes) : undefined;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return undefined;
      throw error;
    }
  }

  async get(recordKey: string): Promise<SalesforceSyncRecord | undefined> {
    const result = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: { recordKey }, ConsistentRead: true }));
    return result.Item ? fromStored(result.Item) : undefined;
  }

  /** BatchGetItem, 100 keys a request, unprocessed keys retried with backoff (see batchGetItems). */
  async getMany(recordKeys: string[]): Promise<Map<string, SalesforceSyncRecord>> {
    const items = await batchGetItems(this.doc, this.tableName, [...new Set(recordKeys)].map((recordKey) => ({ recordKey })));
    return new Map(items.map(fromStored).map((record) => [record.recordKey, record]));
  }

  /** Confirmed by Salesforce. Not applied when a newer revision arrived meanwhile: that one is sent next. */
  async markSynced(recordKey: string, revision: number, result: { sobject: string; salesforceId: string }, at: string): Promise<boolean> {
    return sendConditional(
      this.doc,
      new UpdateCommand({
        TableName: this.tableName,
        Key: { recordKey },
        UpdateExpression: 'SET #state = :synced, salesforceId = :id, sobject = :sobject, syncedAt = :at, updatedAt = :at ADD attempts :one REMOVE pendingSince, lastError, errorCode, reason',
        ConditionExpression: 'revision = :rev',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':synced': 'synced', ':id': result.salesforceId, ':sobject': result.sobject, ':at': at, ':rev': revision, ':one': 1 },
      }),
    );
  }

  /** Rejected by Salesforce (or unmappable): kept with the reason until a new source version comes. */
  async markFailed(recordKey: string, revision: number, failure: { code: string; reason: string }, at: string): Promise<boolean> {
    return sendConditional(
      this.doc,
      new UpdateCommand({
        TableName: this.tableName,
        Key: { recordKey },
        UpdateExpression: 'SET #state = :failed, errorCode = :code, reason = :reason, updatedAt = :at ADD attempts :one REMOVE pendingSince',
        ConditionExpression: 'revision = :rev',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':failed': 'failed', ':code': failure.code, ':reason': failure.reason.slice(0, 2000), ':at': at, ':rev': revision, ':one': 1 },
      }),
    );
  }

  /** A transient problem: still pending; `updatedAt` moves so the reconciler's deadline counts from now. */
  async noteRetry(recordKey: string, message: string, at: string): Promise<void> {
    await sendConditional(
      this.doc,
      new UpdateCommand({
        TableName: this.tableName,
        Key: { recordKey },
        UpdateExpression: 'SET lastError = :msg, updatedAt = :at ADD attempts :one',
        ConditionExpression: '#state = :pending',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':msg': message.slice(0, 1000), ':at': at, ':pending': 'pending', ':one': 1 },
      }),
    );
  }

  /**
   * Notes that a Task waits for (or was written without) the Case of `caseKey`. Kept in its own item
   * (`waiting:<caseKey>`, no state, so in no state index), so the Case's sync record is never created
   * half-way by a Task. Written before the Task reads the Case, and read by the Case after it is marked
   * synced: whichever comes second sees the other.
   */
  async noteWaitingTask(caseKey: string, taskKey: string, at: string, expiresAt: Date): Promise<void> {
    await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { recordKey: `waiting:${caseKey}` },
        // expiresAt (epoch seconds, the table's TTL attribute) moves with every note: the latest Task's wait counts.
        UpdateExpression: 'SET updatedAt = :at, expiresAt = :expires ADD taskKeys :task',
        ExpressionAttributeValues: { ':at': at, ':expires': Math.ceil(expiresAt.getTime() / 1000), ':task': new Set([taskKey]) },
      }),
    );
  }

  /**
   * These Tasks are written with their Case's WhatId: they wait no more. Each is taken off its Case's
   * marker, and a marker left with no Task is deleted (only if still empty: a Task noted meanwhile keeps it).
   */
  async forgetWaitingTasks(links: { caseKey: string; taskKey: string }[]): Promise<number> {
    const byCase = new Map<string, Set<string>>();
    for (const { caseKey, taskKey } of links) byCase.set(caseKey, (byCase.get(caseKey) ?? new Set()).add(taskKey));
    const waiting = await this.waitingTasks([...byCase.keys()]);
    let deleted = 0;
    for (const [caseKey, taskKeys] of byCase) {
      const noted = waiting.get(caseKey)?.filter((k) => taskKeys.has(k)) ?? [];
      if (noted.length === 0) continue;
      const Key = { recordKey: `waiting:${caseKey}` };
      try {
        const result = await this.doc.send(
          new UpdateCommand({ TableName: this.tableName, Key, UpdateExpression: 'DELETE taskKeys :tasks', ConditionExpression: 'attribute_exists(recordKey)', ExpressionAttributeValues: { ':tasks': new Set(noted) }, ReturnValues: 'ALL_NEW' }),
        );
        // DynamoDB removes a set attribute once its last element is deleted.
        if (result.Attributes && !result.Attributes.taskKeys) {
          if (await sendConditional(this.doc, new DeleteCommand({ TableName: this.tableName, Key, ConditionExpression: 'attribute_not_exists(taskKeys)' }))) deleted++;
        }
      } catch (error) {
        if (!isConditionalCheckFailed(error)) throw error;
      }
    }
    return deleted;
  }

  /** The marker of the Tasks waiting for one Case, as stored (`expiresAt` in epoch seconds, the table's TTL attribute). */
  async waitingMarker(caseKey: string): Promise<{ taskKeys: string[]; updatedAt: string; expiresAt: number } | undefined> {
    const result = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: { recordKey: `waiting:${caseKey}` }, ConsistentRead: true }));
    const item = result.Item;
    if (!item) return undefined;
    return { taskKeys: item.taskKeys instanceof Set ? [...(item.taskKeys as Set<string>)] : [], updatedAt: String(item.updatedAt), expiresAt: Number(item.expiresAt) };
  }

  /** The Task keys noted as waiting for each of these Cases. */
  async waitingTasks(caseKeys: string[]): Promise<Map<string, string[]>> {
    const items = await batchGetItems(this.doc, this.tableName, [...new Set(caseKeys)].map((caseKey) => ({ recordKey: `waiting:${caseKey}` })));
    return new Map(items.map((item) => [String(item.recordKey).slice('waiting:'.length), item.taskKeys instanceof Set ? [...(item.taskKeys as Set<string>)] : []]));
  }

  /** Records in one state, newest change first; `updatedBefore` keeps those older than a deadline. */
  async listByState(state: SalesforceSyncState, query: { limit?: number; cursor?: string; updatedBefore?: string; oldestFirst?: boolean } = {}): Promise<Page<SalesforceSyncRecord>> {
    const scope = { list: 'salesforce-sync.byState', fixed: { state } };
    const result = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'byState',
        KeyConditionExpression: query.updatedBefore ? '#state = :state AND updatedAt < :before' : '#state = :state',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':state': state, ...(query.updatedBefore ? { ':before': query.updatedBefore } : {}) },
        ScanIndexForward: query.oldestFirst === true,
        Limit: query.limit ?? 50,
        ExclusiveStartKey: decodeCursor(query.cursor, ['recordKey', 'state', 'updatedAt'], scope),
      }),
    );
    return { items: (result.Items ?? []).map(fromStored), nextCursor: encodeCursor(result.LastEvaluatedKey, scope) };
  }
}

