import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { EscalationDraft, SeverityRaise } from '@buddie/domain';
import { decodeCursor, encodeCursor, type Page } from './cursor';
import { isConditionalCheckFailed, sendConditional } from './dynamo';
import type {
  EscalationAction,
  EscalationListQuery,
  EscalationOpenResult,
  EscalationRaiseResult,
  EscalationRecord,
  EscalationStatus,
  EscalationTransition,
  EscalationTransitionResult,
  UnpublishedEscalation,
} from './escalation.model';

const CURSOR_KEYS = ['escalationId', 'status', 'createdAt'];
/** The outbox marker: present (with the time it was set) while the record's current version is not known published. */
const INTERNAL = ['publishedCreated', 'outboxPending', 'outboxSince', 'notifiedAt'];
const PENDING = 'pending';
/** A marker given up after a failed publish: due for a redelivery or the reconciler at once. */
const RELEASED = '1970-01-01T00:00:00.000Z';
const DEFAULT_PUBLISH_DEADLINE_MS = 30_000;

function fromStored(item: Record<string, unknown>): EscalationRecord {
  const record: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(item)) if (!INTERNAL.includes(key)) record[key] = value;
  return record as unknown as EscalationRecord;
}

/** Which statuses each action may leave, and the attributes it stamps. */
const TRANSITIONS: Record<EscalationAction, { to: EscalationStatus; from: EscalationStatus[]; at: 'acknowledgedAt' | 'resolvedAt'; by: 'acknowledgedBy' | 'resolvedBy'; note: 'acknowledgeNote' | 'resolveNote' }> = {
  acknowledge: { to: 'acknowledged', from: ['open'], at: 'acknowledgedAt', by: 'acknowledgedBy', note: 'acknowledgeNote' },
  resolve: { to: 'resolved', from: ['open', 'acknowledged'], at: 'resolvedAt', by: 'resolvedBy', note: 'resolveNote' },
};

export interface EscalationRepositoryOptions {
  /**
   * How long a writer has to publish the event of its change before the marker counts as abandoned (a crash
   * between the write and the publish) and a redelivery or the reconciler takes the publish over.
   */
  publishDeadlineMs?: number;
}

/**
 * Escalations keyed by `<subject>:<cause>` (decideEscalations), listed per status newest first. Opening
 * one is conditional on the key not existing, so a replayed or redelivered input never opens a second.
 *
 * Every stored change (open, severity raise, acknowledge, resolve) bumps `version` and, in the same
 * conditional write, sets a transactional-outbox marker (`outboxPending` + `outboxSince`, the sparse byOutbox
 * index). The writer publishes the change's event and then clears the marker for that version
 * (`markPublished`); a marker left past the deadline is claimed by exactly one taker (`claimPublish`, a
 * conditional write on the marker it saw) and published again, so no change is lost and, short of a crash,
 * none is published twice.
 */
export class EscalationRepository {
  private readonly publishDeadlineMs: number;

  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    options: EscalationRepositoryOptions = {},
  ) {
    this.publishDeadlineMs = options.publishDeadlineMs ?? DEFAULT_PUBLISH_DEADLINE_MS;
  }

  async get(escalationId: string): Promise<EscalationRecord | undefined> {
    const item = await this.getItem(escalationId);
    return item ? fromStored(item) : undefined;
  }

  /**
   * Opens it unless it exists. `publish` is the record whose event this caller must publish: the new
   * record for its creator; for anyone else only a record whose marker was abandoned past the deadline,
   * claimed conditionally, so two deliveries processed at once never both publish.
   */
  async open(draft: EscalationDraft, at: string): Promise<EscalationOpenResult> {
    const record: EscalationRecord = { ...draft, status: 'open', version: 1, createdAt: at, updatedAt: at };
    const item: Record<string, unknown> = { ...record, outboxPending: PENDING, outboxSince: at };
    // byContact index: an escalation about an agent alert with no contact stays out of it.
    if (!draft.contactId) delete item.contactId;
    if (!draft.agentId) delete item.agentId;
    const created = await sendConditional(this.doc, new PutCommand({ TableName: this.tableName, Item: item, ConditionExpression: 'attribute_not_exists(escalationId)' }));
    if (created) return { created: true, record, publish: record };
    const stored = (await this.getItem(draft.escalationId)) ?? item;
    const since = stored.outboxPending === PENDING ? (stored.outboxSince as string | undefined) : undefined;
    const publish = since !== undefined && this.abandoned(since, at) ? await this.claimPublish(draft.escalationId, since, at) : undefined;
    return { created: false, record: publish ?? fromStored(stored), publish };
  }

  /**
   * Raises the severity decided by decideSeverityRaise over `seen`. Conditional on `seen` still being the
   * stored version (and not resolved since), so a concurrent change makes it `stale` with what is stored now.
   */
  async raise(seen: EscalationRecord, raise: SeverityRaise, at: string): Promise<EscalationRaiseResult> {
    const versioned = seen.version !== undefined;
    try {
      const result = await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { escalationId: seen.escalationId },
          UpdateExpression: 'SET severity = :severity, reasons = :reasons, updatedAt = :at, #version = :next, outboxPending = :pending, outboxSince = :at',
          ConditionExpression: `${versioned ? '#version = :seen' : 'attribute_not_exists(#version) AND updatedAt = :seenAt'} AND #status <> :resolved`,
          ExpressionAttributeNames: { '#version': 'version', '#status': 'status' },
          ExpressionAttributeValues: {
            ':severity': raise.severity,
            ':reasons': raise.reasons,
            ':at': at,
            ':next': (seen.version ?? 1) + 1,
            ':pending': PENDING,
            ':resolved': 'resolved',
            ...(versioned ? { ':seen': seen.version } : { ':seenAt': seen.updatedAt }),
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return { outcome: 'applied', escalation: fromStored(result.Attributes ?? {}) };
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      const current = await this.get(seen.escalationId);
      return current ? { outcome: 'stale', current } : { outcome: 'not-found' };
    }
  }

  /** The event of `version` went out: clears the marker, unless a newer change (whose writer publishes it) is pending. */
  async markPublished(escalationId: string, version: number): Promise<boolean> {
    return sendConditional(
      this.doc,
      new UpdateCommand({
        TableName: this.tableName,
        Key: { escalationId },
        UpdateExpression: 'REMOVE outboxPending, outboxSince',
        ConditionExpression: 'outboxPending = :pending AND #version = :version',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ':pending': PENDING, ':version': version },
      }),
    );
  }

  /** The publish of `version` failed: give the claim up so a redelivery or the reconciler takes it at once. */
  async releasePublish(escalationId: string, version: number): Promise<boolean> {
    return sendConditional(
      this.doc,
      new UpdateCommand({
        TableName: this.tableName,
        Key: { escalationId },
        UpdateExpression: 'SET outboxSince = :released',
        ConditionExpression: 'outboxPending = :pending AND #version = :version',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ':pending': PENDING, ':version': version, ':released': RELEASED },
      }),
    );
  }

  /** Claims the escalation's one notification: true for exactly one caller, ever (unless released after a failed send). */
  async claimNotification(escalationId: string, at: string): Promise<boolean> {
    return sendConditional(
      this.doc,
      new UpdateCommand({
        TableName: this.tableName,
        Key: { escalationId },
        UpdateExpression: 'SET notifiedAt = :at',
        ConditionExpression: 'attribute_exists(escalationId) AND attribute_not_exists(notifiedAt)',
        ExpressionAttributeValues: { ':at': at },
      }),
    );
  }

  /** The notification claimed at `at` was not sent: the next publish of the escalation tries again. */
  async releaseNotification(escalationId: string, at: string): Promise<boolean> {
    return sendConditional(
      this.doc,
      new UpdateCommand({ TableName: this.tableName, Key: { escalationId }, UpdateExpression: 'REMOVE notifiedAt', ConditionExpression: 'notifiedAt = :at', ExpressionAttributeValues: { ':at': at } }),
    );
  }

  /** Records whose marker stayed set past the deadline at `at` (oldest first): the reconciler's work. */
  async listUnpublished(at: string, limit = 25): Promise<UnpublishedEscalation[]> {
    const cutoff = new Date(Date.parse(at) - this.publishDeadlineMs).toISOString();
    const result = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'byOutbox',
        KeyConditionExpression: 'outboxPending = :pending AND outboxSince <= :cutoff',
        ExpressionAttributeValues: { ':pending': PENDING, ':cutoff': cutoff },
        ScanIndexForward: true,
        Limit: limit,
      }),
    );
    return (result.Items ?? []).map((item) => ({ escalation: fromStored(item), pendingSince: item.outboxSince as string }));
  }

  /**
   * Takes over the publish of an abandoned marker: a conditional write on the marker as it was seen, so of
   * several takers (a redelivery, reconcilers on several instances) exactly one gets the record back.
   */
  async claimPublish(escalationId: string, pendingSince: string, at: string): Promise<EscalationRecord | undefined> {
    try {
      const result = await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { escalationId },
          UpdateExpression: 'SET outboxSince = :at',
          // The marker must move, or two takers at the same instant would both match what they saw.
          ConditionExpression: 'outboxPending = :pending AND outboxSince = :seen AND outboxSince < :at',
          ExpressionAttributeValues: { ':pending': PENDING, ':seen': pendingSince, ':at': at },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return fromStored(result.Attributes ?? {});
    } catch (error) {
      if (isConditionalCheckFailed(error)) return undefined;
      throw error;
    }
  }

  /** A contact's escalations, oldest first (the journey timeline shows them). */
  async listByContact(contactId: string): Promise<EscalationRecord[]> {
    const result = await this.doc.send(
      new QueryCommand({ TableName: this.tableName, IndexName: 'byContact', KeyConditionExpression: 'contactId = :c', ExpressionAttributeValues: { ':c': contactId }, ScanIndexForward: true, Limit: 50 }),
    );
    return (result.Items ?? []).map(fromStored);
  }

  /** Newest created first. */
  async listByStatus(query: EscalationListQuery): Promise<Page<EscalationRecord>> {
    const scope = { list: 'escalations.byStatus', fixed: { status: query.status } };
    const result = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'byStatus',
        KeyConditionExpression: '#status = :status',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':status': query.status },
        ScanIndexForward: false,
        Limit: query.limit ?? 50,
        ExclusiveStartKey: decodeCursor(query.cursor, CURSOR_KEYS, scope),
      }),
    );
    return { items: (result.Items ?? []).map(fromStored), nextCursor: encodeCursor(result.LastEvaluatedKey, scope) };
  }

  /**
   * Acknowledge or resolve. The write is conditional on the current status, so of two supervisors
   * acting at once one gets `applied` and the other `conflict` with what is stored now. It bumps the
   * version and sets the outbox marker: the caller publishes EscalationUpdated, then `markPublished`.
   */
  async transition(escalationId: string, change: EscalationTransition): Promise<EscalationTransitionResult> {
    const step = TRANSITIONS[change.action];
    const note = change.note !== undefined && change.note !== '';
    const names: Record<string, string> = { '#status': 'status', '#at': step.at, '#by': step.by, '#version': 'version', ...(note ? { '#note': step.note } : {}) };
    const values: Record<string, unknown> = { ':to': step.to, ':at': change.at, ':by': change.by, ':one': 1, ':pending': PENDING, ...(note ? { ':note': change.note } : {}) };
    step.from.forEach((status, i) => (values[`:from${i}`] = status));
    try {
      const result = await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { escalationId },
          // Rows written before versions existed are at version 1.
          UpdateExpression: `SET #status = :to, #at = :at, #by = :by, updatedAt = :at, #version = if_not_exists(#version, :one) + :one, outboxPending = :pending, outboxSince = :at${note ? ', #note = :note' : ''}`,
          ConditionExpression: `attribute_exists(escalationId) AND #status IN (${step.from.map((_, i) => `:from${i}`).join(', ')})`,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_NEW',
        }),
      );
      return { outcome: 'applied', escalation: fromStored(result.Attributes ?? {}) };
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      const current = await this.get(escalationId);
      return current ? { outcome: 'conflict', current } : { outcome: 'not-found' };
    }
  }

  private abandoned(since: string, at: string): boolean {
    return Date.parse(since) <= Date.parse(at) - this.publishDeadlineMs;
  }

  private async getItem(escalationId: string): Promise<Record<string, unknown> | undefined> {
    const result = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: { escalationId }, ConsistentRead: true }));
    return result.Item;
  }
}
