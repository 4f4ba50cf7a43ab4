import { createHash } from 'node:crypto';
import { BatchWriteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { flowEntryKey, type FlowLogStepInput, type Journey } from '@buddie/domain';
import { readFullPage, type Page } from './cursor';
import { isConditionalCheckFailed, queryAll, sendConditional } from './dynamo';
import type { JourneyInputState, JourneyListQuery, JourneyRecord, JourneySaveOutcome } from './journey.model';

const LIST_PARTITION = 'JOURNEY';
const INTERNAL = ['listPartition', 'listSort', 'flowKey', 'fingerprint', 'publishedFingerprint', 'publishClaimedAt'];
/** A claim given up after a failed publish: the next assembly takes the publish over at once. */
const RELEASED = '1970-01-01T00:00:00.000Z';
const DEFAULT_PUBLISH_DEADLINE_MS = 30_000;
/** ~1 KB a step: 300 keeps an item well inside DynamoDB's 400 KB. */
export const MAX_STORED_STEPS = 300;

function fromStored(item: Record<string, unknown>): JourneyRecord {
  const record: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(item)) if (!INTERNAL.includes(key)) record[key] = value;
  return record as unknown as JourneyRecord;
}

/** A content hash of the journey, to tell a real change from a re-assembly of the same inputs. */
export function journeyFingerprint(journey: Journey): string {
  return createHash('sha256').update(JSON.stringify(journey)).digest('hex');
}

export interface JourneyRepositoryOptions {
  /**
   * How long the writer of a journey version has to publish it before its claim counts as abandoned (a crash
   * between the write and the publish) and a later assembly takes the publish over.
   */
  publishDeadlineMs?: number;
}

export interface JourneySaveResult {
  outcome: JourneySaveOutcome;
  record: JourneyRecord;
  /** This caller must publish the stored version (then markPublished): it wrote it, or took over an abandoned claim. */
  needsPublish: boolean;
  /** The stored version is unpublished and another assembly holds its publish (until the deadline): leave the contact due. */
  publishHeldElsewhere: boolean;
  fingerprint: string;
}

/**
 * Journeys keyed by contact id. A save replaces the stored journey only when it differs (by fingerprint);
 * publishedFingerprint records which version was announced, and a replay of the same inputs announces
 * nothing new. The conditional write that stores a version also claims its publish (publishClaimedAt), so
 * of concurrent assemblies only the writer publishes (as EscalationRepository's outbox marker does); a claim
 * left past the deadline (a crash between save and publish) is taken over by exactly one later assembly, a
 * conditional write on the claim it saw.
 */
export class JourneyRepository {
  private readonly publishDeadlineMs: number;

  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    options: JourneyRepositoryOptions = {},
  ) {
    this.publishDeadlineMs = options.publishDeadlineMs ?? DEFAULT_PUBLISH_DEADLINE_MS;
  }

  async get(contactId: string): Promise<JourneyRecord | undefined> {
    const result = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: { contactId }, ConsistentRead: true }));
    return result.Item ? fromStored(result.Item) : undefined;
  }

  /** Stores the journey if it changed; says whether it still has to be announced. */
  async save(journey: Journey, at: string, correlationId: string): Promise<JourneySaveResult> {
    const fingerprint = journeyFingerprint(journey);
    const stored = await this.getItem(journey.contactId);
    if (stored && stored.fingerprint === fingerprint) {
      if (stored.publishedFingerprint === fingerprint) return { outcome: 'unchanged', record: fromStored(stored), needsPublish: false, publishHeldElsewhere: false, fingerprint };
      const since = typeof stored.publishClaimedAt === 'string' ? stored.publishClaimedAt : undefined;
      // Rows stored before claims existed carry none: they count as abandoned.
      if (since !== undefined && !this.abandoned(since, at)) return { outcome: 'unchanged', record: fromStored(stored), needsPublish: false, publishHeldElsewhere: true, fingerprint };
      const claimed = await this.claimPublish(journey.contactId, fingerprint, since, at);
      return { outcome: 'unchanged', record: fromStored(stored), needsPublish: claimed, publishHeldElsewhere: !claimed, fingerprint };
    }
    const steps = journey.steps.length > MAX_STORED_STEPS ? journey.steps.slice(0, MAX_STORED_STEPS) : journey.steps;
    const record: JourneyRecord = { ...journey, steps, assembledAt: at, version: Number(stored?.version ?? 0) + 1, correlationId };
    if (steps.length < journey.steps.length) record.stepsTruncated = journey.steps.length - steps.length;
    const item: Record<string, unknown> = {
      ...record,
      listPartition: LIST_PARTITION,
      listSort: `${journey.startedAt ?? at}#${journey.contactId}`,
      fingerprint,
    };
    if (journey.entryFlowName) item.flowKey = journey.entryFlowName;
    if (!journey.callerKey) delete item.callerKey;
    if (typeof stored?.publishedFingerprint === 'string') item.publishedFingerprint = stored.publishedFingerprint;
    // The writer holds the publish of the version it writes.
    item.publishClaimedAt = at;
    // Conditional on the version read: two instances assembling one contact cannot both bump it.
    const applied = await sendConditional(
      this.doc,
      new PutCommand({
        TableName: this.tableName,
        Item: item,
        ConditionExpression: stored ? 'version = :version' : 'attribute_not_exists(contactId)',
        ExpressionAttributeValues: stored ? { ':version': stored.version } : undefined,
      }),
    );
    if (!applied) {
      // Another assembly wrote first: its writer publishes what it stored.
      const again = await this.getItem(journey.contactId);
      const unpublished = again !== undefined && again.publishedFingerprint !== again.fingerprint;
      return { outcome: 'unchanged', record: again ? fromStored(again) : record, needsPublish: false, publishHeldElsewhere: unpublished, fingerprint };
    }
    return { outcome: stored ? 'updated' : 'created', record, needsPublish: true, publishHeldElsewhere: false, fingerprint };
  }

  /** The version with `fingerprint` was announced: recorded, and its claim dropped (unless a newer version is stored). */
  async markPublished(contactId: string, fingerprint: string): Promise<void> {
    await sendConditional(
      this.doc,
      new UpdateCommand({
        TableName: this.tableName,
        Key: { contactId },
        UpdateExpression: 'SET publishedFingerprint = :fp REMOVE publishClaimedAt',
        ConditionExpression: 'fingerprint = :fp',
        ExpressionAttributeValues: { ':fp': fingerprint },
      }),
    );
  }

  /** The publish of `fingerprint` failed: the claim is given up, so the next assembly takes the publish over at once. */
  async releasePublish(contactId: string, fingerprint: string): Promise<boolean> {
    return sendConditional(
      this.doc,
      new UpdateCommand({
        TableName: this.tableName,
        Key: { contactId },
        UpdateExpression: 'SET publishClaimedAt = :released',
        ConditionExpression: 'fingerprint = :fp AND (attribute_not_exists(publishedFingerprint) OR publishedFingerprint <> :fp)',
        ExpressionAttributeValues: { ':fp': fingerprint, ':released': RELEASED },
      }),
    );
  }

  /**
   * Takes over the publish of an abandoned claim: conditional on the claim as it was seen (and on the version
   * still being unpublished), so of several takers exactly one gets true.
   */
  private async claimPublish(contactId: string, fingerprint: string, seen: string | undefined, at: string): Promise<boolean> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { contactId },
          UpdateExpression: 'SET publishClaimedAt = :at',
          // The claim must move, or two takers at the same instant would both match what they saw.
          ConditionExpression: `fingerprint = :fp AND (attribute_not_exists(publishedFingerprint) OR publishedFingerprint <> :fp) AND ${
            seen === undefined ? 'attribute_not_exists(publishClaimedAt)' : 'publishClaimedAt = :seen AND publishClaimedAt < :at'
          }`,
          ExpressionAttributeValues: { ':fp': fingerprint, ':at': at, ...(seen === undefined ? {} : { ':seen': seen }) },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }

  private abandoned(since: string, at: string): boolean {
    return Date.parse(since) <= Date.parse(at) - this.publishDeadlineMs;
  }

  private async getItem(contactId: string): Promise<Record<string, unknown> | undefined> {
    const result = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: { contactId }, ConsistentRead: true }));
    return result.Item;
  }

  /**
   * Newest first, by outcome or entry flow, within a time range. Pages are full even though the `failed`
   * (and flow-within-outcome) filters apply after the index read; follow nextCursor until it is null.
   */
  async list(query: JourneyListQuery = {}): Promise<Page<JourneyRecord>> {
    const limit = Math.min(Math.max(query.limit ?? 50, 1), 500);
    const [index, key, value] = query.outcome
      ? ['byOutcome', 'outcome', query.outcome]
      : query.flowName
        ? ['byFlow', 'flowKey', query.flowName]
        : ['byRecency', 'listPartition', LIST_PARTITION];
    const names: Record<string, string> = { '#pk': key };
    // DynamoDB rejects a name the expressions do not use.
    if (query.from || query.to) names['#sort'] = 'listSort';
    const values: Record<string, unknown> = { ':pk': value };
    let range = '';
    if (query.from && query.to) {
      range = ' AND #sort BETWEEN :from AND :to';
      values[':from'] = query.from;
      values[':to'] = `${query.to}~`;
    } else if (query.from) {
      range = ' AND #sort >= :from';
      values[':from'] = query.from;
    } else if (query.to) {
      range = ' AND #sort <= :to';
      values[':to'] = `${query.to}~`;
    }
    const filters: string[] = [];
    if (query.failed !== undefined) {
      filters.push('#failed = :failed');
      names['#failed'] = 'failed';
      values[':failed'] = query.failed;
    }
    if (query.outcome && query.flowName) {
      filters.push('#flowKey = :flow');
      names['#flowKey'] = 'flowKey';
      values[':flow'] = query.flowName;
    }
    return readFullPage({
      limit,
      cursor: query.cursor,
      keys: ['contactId', 'listSort', key],
      scope: { list: `journeys.${index}`, fixed: { [key]: value } },
      filtered: filters.length > 0,
      read: (start, step) =>
        this.doc.send(
          new QueryCommand({
            TableName: this.tableName,
            IndexName: index,
            KeyConditionExpression: `#pk = :pk${range}`,
            FilterExpression: filters.length ? filters.join(' AND ') : undefined,
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: values,
            ScanIndexForward: false,
            Limit: step,
            ExclusiveStartKey: start,
          }),
        ),
      map: fromStored,
    });
  }

  /** Every journey in a time range (for analytics), page by page up to `max`. */
  async listRange(from: string, to: string, max = 20_000, flowName?: string): Promise<JourneyRecord[]> {
    const out: JourneyRecord[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.list({ from, to, flowName, limit: 500, cursor });
      out.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor && out.length < max);
    return out.slice(0, max);
  }

  /** Up to `max` of the newest journeys, for the funnel over a bounded sample. */
  async sample(max: number): Promise<JourneyRecord[]> {
    const items: JourneyRecord[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.list({ limit: Math.min(500, max), cursor });
      items.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor && items.length < max);
    return items.slice(0, max);
  }

  /** The caller's earlier journeys that started within the window before `before`. */
  async priorOfCaller(callerKey: string, from: string, before: string): Promise<JourneyRecord[]> {
    const result = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'byCaller',
        KeyConditionExpression: 'callerKey = :caller AND listSort BETWEEN :from AND :before',
        ExpressionAttributeValues: { ':caller': callerKey, ':from': from, ':before': before },
        ScanIndexForward: false,
        Limit: 20,
      }),
    );
    return (result.Items ?? []).map(fromStored);
  }
}

const STATE = 'state';
const entryItemKey = (entry: FlowLogStepInput): string => `e#${flowEntryKey(entry)}`;

/**
 * The inputs of each contact's journey as ivr-journey receives them: every flow log entry once (its
 * dedupe key is the item key, so a redelivery overwrites itself) and a state item that says when the
 * contact is due for assembly. Kept `retentionDays` past the last input.
 */
export class JourneyInputRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly retentionDays = 7,
  ) {}

  private expiresAt(at: string): number {
    return Math.floor(Date.parse(at) / 1000) + this.retentionDays * 86_400;
  }

  /** Stores entries (idempotent) and marks the contact due: `dueAt` unless it is due sooner already. */
  async addEntries(contactId: string, entries: readonly FlowLogStepInput[], at: string, dueAt: string): Promise<void> {
    const expiresAt = this.expiresAt(at);
    const unique = new Map(entries.map((entry) => [entryItemKey(entry), entry]));
    const requests = [...unique.entries()].map(([itemKey, entry]) => ({ PutRequest: { Item: { contactId, itemKey, entry: JSON.stringify(entry), expiresAt } } }));
    for (let i = 0; i < requests.length; i += 25) {
      let pending: typeof requests | undefined = requests.slice(i, i + 25);
      for (let attempt = 0; pending && pending.length; attempt++) {
        const result = await this.doc.send(new BatchWriteCommand({ RequestItems: { [this.tableName]: pending } }));
        pending = result.UnprocessedItems?.[this.tableName] as typeof requests | undefined;
        if (pending?.length) {
          if (attempt > 8) throw new Error(`journey inputs: ${pending.length} entries stayed unprocessed`);
          await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
        }
      }
    }
    const first = [...unique.values()].map((e) => e.Timestamp).sort()[0];
    await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { contactId, itemKey: STATE },
        UpdateExpression: 'SET firstEntryAt = if_not_exists(firstEntryAt, :first), lastEntryAt = :at, pending = :p, dueAt = :due, expiresAt = :exp ADD entryCount :n',
        // Never push a due time later: a contact due now stays due now.
        ConditionExpression: 'attribute_not_exists(dueAt) OR dueAt > :due',
        ExpressionAttributeValues: { ':first': first, ':at': at, ':p': 'PENDING', ':due': dueAt, ':exp': expiresAt, ':n': unique.size },
      }),
    ).catch(async (error: unknown) => {
      if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { contactId, itemKey: STATE },
          UpdateExpression: 'SET firstEntryAt = if_not_exists(firstEntryAt, :first), lastEntryAt = :at, expiresAt = :exp ADD entryCount :n',
          ExpressionAttributeValues: { ':first': first, ':at': at, ':exp': expiresAt, ':n': unique.size },
        }),
      );
    });
  }

  /**
   * ContactCompleted arrived: the contact is due at `dueAt` (now when entries are there, after the grace
   * period otherwise). Its correlation id is kept (the latest ContactCompleted's) for every later assembly.
   */
  async contactSeen(contactId: string, at: string, dueAt: string, correlationId: string): Promise<void> {
    const ok = await sendConditional(
      this.doc,
      new UpdateCommand({
        TableName: this.tableName,
        Key: { contactId, itemKey: STATE },
        UpdateExpression: 'SET contactSeenAt = :at, correlationId = :corr, pending = :p, dueAt = :due, expiresAt = :exp',
        ConditionExpression: 'attribute_not_exists(dueAt) OR dueAt > :due',
        ExpressionAttributeValues: { ':at': at, ':corr': correlationId, ':p': 'PENDING', ':due': dueAt, ':exp': this.expiresAt(at) },
      }),
    );
    if (!ok)
      await this.doc.send(
        new UpdateCommand({ TableName: this.tableName, Key: { contactId, itemKey: STATE }, UpdateExpression: 'SET contactSeenAt = :at, correlationId = :corr', ExpressionAttributeValues: { ':at': at, ':corr': correlationId } }),
      );
  }

  async state(contactId: string): Promise<JourneyInputState | undefined> {
    const result = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: { contactId, itemKey: STATE }, ConsistentRead: true }));
    return result.Item as JourneyInputState | undefined;
  }

  async entries(contactId: string): Promise<FlowLogStepInput[]> {
    const items = await queryAll(this.doc, {
      TableName: this.tableName,
      KeyConditionExpression: 'contactId = :c AND begins_with(itemKey, :e)',
      ExpressionAttributeValues: { ':c': contactId, ':e': 'e#' },
      ConsistentRead: true,
    });
    return items.map((item) => JSON.parse(item.entry as string) as FlowLogStepInput);
  }

  /** Contacts due by `now`, oldest due first. */
  async due(now: string, limit = 100): Promise<{ contactId: string; dueAt: string }[]> {
    const result = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'byDue',
        KeyConditionExpression: 'pending = :p AND dueAt <= :now',
        ExpressionAttributeValues: { ':p': 'PENDING', ':now': now },
        Limit: limit,
      }),
    );
    return (result.Items ?? []).map((item) => ({ contactId: item.contactId as string, dueAt: item.dueAt as string }));
  }

  /** Assembled as of `dueAt`: no longer pending, unless something new made it due again meanwhile. */
  async assembled(contactId: string, dueAt: string, at: string): Promise<boolean> {
    return sendConditional(
      this.doc,
      new UpdateCommand({
        TableName: this.tableName,
        Key: { contactId, itemKey: STATE },
        UpdateExpression: 'SET assembledAt = :at REMOVE pending, dueAt',
        ConditionExpression: 'dueAt = :due',
        ExpressionAttributeValues: { ':at': at, ':due': dueAt },
      }),
    );
  }
}
