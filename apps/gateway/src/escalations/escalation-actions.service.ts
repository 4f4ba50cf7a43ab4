import { randomUUID } from 'node:crypto';
import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { BuddieError, NotFoundError, type Clock } from '@buddie/domain';
import { EVENT_CATALOG } from '@buddie/messaging';
import { isConditionalCheckFailed } from '@buddie/persistence';
import type { LiveHub } from '../live/live.hub';
import type { Principal } from '../auth/principal';
import type { Item, TableReader } from '../common/table-reader';

export type EscalationAction = 'acknowledge' | 'resolve';

const NEXT_STATUS: Record<EscalationAction, { status: string; from: string[]; stamp: string }> = {
  acknowledge: { status: 'acknowledged', from: ['open'], stamp: 'acknowledgedAt' },
  resolve: { status: 'resolved', from: ['open', 'acknowledged'], stamp: 'resolvedAt' },
};

/**
 * A supervisor's ack/resolve. The write is conditional on the current status, so two supervisors
 * clicking at once get one success and one 409; the change goes to every dashboard at once.
 */
export class EscalationActions {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly escalations: TableReader,
    private readonly hub: LiveHub,
    private readonly clock: Clock,
  ) {}

  async apply(escalationId: string, action: EscalationAction, by: Principal, note?: string): Promise<Item> {
    const step = NEXT_STATUS[action];
    const at = this.clock.now().toISOString();
    let updated: Item;
    try {
      const result = await this.doc.send(
        new UpdateCommand({
          TableName: this.escalations.tableName,
          Key: { escalationId },
          UpdateExpression: 'SET #status = :status, #stamp = :at, #by = :by, updatedAt = :at' + (note ? ', #note = :note' : ''),
          ConditionExpression: 'attribute_exists(escalationId) AND #status IN (' + step.from.map((_, i) => `:from${i}`).join(', ') + ')',
          ExpressionAttributeNames: { '#status': 'status', '#stamp': step.stamp, '#by': `${step.stamp.replace(/At$/, '')}By`, ...(note ? { '#note': `${action}Note` } : {}) },
          ExpressionAttributeValues: {
            ':status': step.status,
            ':at': at,
            ':by': by.name,
            ...(note ? { ':note': note } : {}),
            ...Object.fromEntries(step.from.map((s, i) => [`:from${i}`, s])),
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      updated = result.Attributes ?? {};
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      const current = await this.escalations.get({ escalationId });
      if (!current) throw new NotFoundError('escalation', escalationId);
      throw new BuddieError('CONFLICT', `escalation ${escalationId} is ${String(current.status)}; it cannot be ${step.status} now`, true);
    }
    this.hub.publish({
      id: `gateway-${randomUUID()}`,
      type: 'EscalationUpdated',
      occurredAt: at,
      detail: { ...updated, escalationId, schemaVersion: EVENT_CATALOG.EscalationUpdated.version, correlationId: String(updated.correlationId ?? escalationId), occurredAt: at },
    });
    return updated;
  }
}
