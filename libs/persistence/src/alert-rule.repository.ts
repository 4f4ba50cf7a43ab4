import { BatchWriteCommand, DeleteCommand, GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { systemClock, type AlertRule, type Clock } from '@buddie/domain';
import type { AlertRuleRecord } from './alert-rule.model';
import { scanAll } from './dynamo';

/** Alert rules as validated by validateAlertRules; the store itself trusts its callers. */
export class AlertRuleRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly clock: Clock = systemClock,
  ) {}

  async list(): Promise<AlertRule[]> {
    const items = await scanAll(this.doc, { TableName: this.tableName, ConsistentRead: true });
    return items.map((item) => (item as AlertRuleRecord).rule).sort((a, b) => a.id.localeCompare(b.id));
  }

  async get(ruleId: string): Promise<AlertRule | undefined> {
    const result = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: { ruleId }, ConsistentRead: true }));
    return (result.Item as AlertRuleRecord | undefined)?.rule;
  }

  async put(rule: AlertRule): Promise<void> {
    await this.doc.send(new PutCommand({ TableName: this.tableName, Item: { ruleId: rule.id, rule, updatedAt: this.clock.now().toISOString() } }));
  }

  /** True when the rule existed. */
  async delete(ruleId: string): Promise<boolean> {
    const result = await this.doc.send(new DeleteCommand({ TableName: this.tableName, Key: { ruleId }, ReturnValues: 'ALL_OLD' }));
    return result.Attributes !== undefined;
  }

  /** Makes the table hold exactly these rules. */
  async replaceAll(rules: readonly AlertRule[]): Promise<void> {
    const keep = new Set(rules.map((rule) => rule.id));
    const stale = (await this.list()).filter((rule) => !keep.has(rule.id));
    const now = this.clock.now().toISOString();
    const requests = [
      ...rules.map((rule) => ({ PutRequest: { Item: { ruleId: rule.id, rule, updatedAt: now } } })),
      ...stale.map((rule) => ({ DeleteRequest: { Key: { ruleId: rule.id } } })),
    ];
    for (let i = 0; i < requests.length; i += 25) {
      await this.doc.send(new BatchWriteCommand({ RequestItems: { [this.tableName]: requests.slice(i, i + 25) } }));
    }
  }
}
