import { gzipSync } from 'node:zlib';
import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { KinesisClient, PutRecordsCommand, type PutRecordsRequestEntry } from '@aws-sdk/client-kinesis';
import { awsClientSettings, loadConfig, physicalName, BuddieConfig } from '@buddie/config';
import {
  CONTACT_EVENT_DETAIL_TYPE,
  CONTACT_EVENT_SOURCE,
  CTR_DETAIL_TYPE,
  CTR_SOURCE,
  formatIssues,
  parseAgentEvent,
  parseContactEvent,
  parseCtr,
  parseFlowLogEntry,
  type FlowLogEntry,
  type ValidationIssue,
} from '@buddie/connect';
import { STREAMS } from '@buddie/messaging';
import { listRecordFiles, readRecords, recordKind, type FileRecord } from './record-files';

export interface ReplayReport {
  sent: Record<string, number>;
  skipped: Record<string, number>;
  invalid: { where: string; issues: ValidationIssue[] }[];
}

/**
 * Sends recorded Connect data into a running Buddie through the entry points AWS would use:
 * CTRs as the CTR pipe puts them on the Buddie bus, contact events on the default bus, agent events
 * into the agent event stream, flow log entries as CloudWatch Logs subscription records.
 */
export class Replayer {
  private readonly events: EventBridgeClient;
  private readonly kinesis: KinesisClient;
  private readonly config: BuddieConfig;
  private readonly pendingEntries: PutEventsRequestEntry[] = [];
  private readonly pendingAgent: PutRecordsRequestEntry[] = [];
  private readonly flowLogs = new Map<string, FlowLogEntry[]>();
  readonly report: ReplayReport = { sent: {}, skipped: {}, invalid: [] };

  constructor(env: Record<string, string | undefined>) {
    this.config = loadConfig(BuddieConfig, env as NodeJS.ProcessEnv);
    this.events = new EventBridgeClient(awsClientSettings(this.config, 'eventbridge'));
    this.kinesis = new KinesisClient(awsClientSettings(this.config, 'kinesis'));
  }

  async replayPath(path: string): Promise<ReplayReport> {
    for (const file of listRecordFiles(path)) {
      for (const record of readRecords(file)) await this.add(record);
    }
    await this.flush();
    this.events.destroy();
    this.kinesis.destroy();
    return this.report;
  }

  private count(bucket: Record<string, number>, kind: string): void {
    bucket[kind] = (bucket[kind] ?? 0) + 1;
  }

  private invalid(record: FileRecord, issues: ValidationIssue[]): void {
    this.report.invalid.push({ where: `${record.file}${record.line ? `:${record.line}` : ''}`, issues });
  }

  async add(record: FileRecord): Promise<void> {
    const kind = recordKind(record.value);
    const value = record.value as Record<string, unknown>;
    switch (kind) {
      case 'ctr': {
        const ctr = value['detail-type'] ? value.detail : value;
        const parsed = parseCtr(ctr);
        if (!parsed.ok) return this.invalid(record, parsed.issues);
        this.pendingEntries.push({ EventBusName: this.config.EVENT_BUS_NAME, Source: CTR_SOURCE, DetailType: CTR_DETAIL_TYPE, Detail: JSON.stringify(ctr) });
        break;
      }
      case 'contact-event': {
        const parsed = parseContactEvent(value.detail);
        if (!parsed.ok) return this.invalid(record, parsed.issues);
        this.pendingEntries.push({
          Source: CONTACT_EVENT_SOURCE,
          DetailType: CONTACT_EVENT_DETAIL_TYPE,
          Detail: JSON.stringify(value.detail),
          Time: typeof value.time === 'string' ? new Date(value.time) : undefined,
          Resources: Array.isArray(value.resources) ? (value.resources as string[]) : undefined,
        });
        break;
      }
      case 'agent-event': {
        const parsed = parseAgentEvent(value);
        if (!parsed.ok) return this.invalid(record, parsed.issues);
        this.pendingAgent.push({ PartitionKey: parsed.value.AgentARN, Data: Buffer.from(JSON.stringify(value)) });
        break;
      }
      case 'flow-log': {
        const parsed = parseFlowLogEntry(value);
        if (!parsed.ok) return this.invalid(record, parsed.issues);
        const list = this.flowLogs.get(parsed.value.ContactId) ?? [];
        list.push(parsed.value);
        this.flowLogs.set(parsed.value.ContactId, list);
        break;
      }
      default:
        this.count(this.report.skipped, kind);
        return;
    }
    this.count(this.report.sent, kind);
    if (this.pendingEntries.length >= 10) await this.flushEntries();
    if (this.pendingAgent.length >= 200) await this.flushAgentEvents();
  }

  async flush(): Promise<void> {
    await this.flushEntries();
    await this.flushAgentEvents();
    await this.flushFlowLogs();
  }

  private async flushEntries(): Promise<void> {
    while (this.pendingEntries.length) {
      const batch = this.pendingEntries.splice(0, 10);
      const result = await this.events.send(new PutEventsCommand({ Entries: batch }));
      if (result.FailedEntryCount) {
        throw new Error(`PutEvents rejected ${result.FailedEntryCount} entries: ${result.Entries?.find((e) => e.ErrorCode)?.ErrorMessage}`);
      }
    }
  }

  private async flushAgentEvents(): Promise<void> {
    while (this.pendingAgent.length) {
      const batch = this.pendingAgent.splice(0, 500);
      const result = await this.kinesis.send(new PutRecordsCommand({ StreamName: physicalName(this.config, STREAMS.agentEvents.logicalName), Records: batch }));
      if (result.FailedRecordCount) throw new Error(`Kinesis rejected ${result.FailedRecordCount} agent events`);
    }
  }

  private async flushFlowLogs(): Promise<void> {
    const records: PutRecordsRequestEntry[] = [...this.flowLogs.entries()].map(([contactId, entries]) => ({
      PartitionKey: contactId,
      // The shape a CloudWatch Logs subscription filter writes to Kinesis: gzip of a DATA_MESSAGE.
      Data: gzipSync(
        JSON.stringify({
          messageType: 'DATA_MESSAGE',
          owner: '111122223333',
          logGroup: '/aws/connect/buddie-replay',
          logStream: `${contactId}`,
          subscriptionFilters: ['buddie-flow-logs'],
          logEvents: entries.map((entry, index) => ({ id: `${Date.parse(entry.Timestamp)}${index}`, timestamp: Date.parse(entry.Timestamp), message: JSON.stringify(entry) })),
        }),
      ),
    }));
    this.flowLogs.clear();
    for (let i = 0; i < records.length; i += 500) {
      const result = await this.kinesis.send(new PutRecordsCommand({ StreamName: physicalName(this.config, STREAMS.flowLogs.logicalName), Records: records.slice(i, i + 500) }));
      if (result.FailedRecordCount) throw new Error(`Kinesis rejected ${result.FailedRecordCount} flow-log records`);
    }
  }
}

export function formatReport(report: ReplayReport): string {
  const lines = [`sent: ${JSON.stringify(report.sent)}`];
  if (Object.keys(report.skipped).length) lines.push(`skipped (not replayable): ${JSON.stringify(report.skipped)}`);
  lines.push(`validation errors: ${report.invalid.length}`);
  for (const bad of report.invalid.slice(0, 20)) lines.push(`  ${bad.where}: ${formatIssues(bad.issues)}`);
  return lines.join('\n');
}
