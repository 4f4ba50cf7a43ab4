import { loadConfig, BuddieConfig } from '@buddie/config';
import { formatIssues, parseAgentEvent, parseContactEvent, parseCtr, parseFlowLogEntry, parseTranscript, type ValidationIssue } from '@buddie/connect';
import { ConnectDelivery, isContactLensDocument } from './connect-delivery';
import { listRecordFiles, readRecords, RecordFileError, recordKind, type FileRecord } from './record-files';

export interface ReplayReport {
  sent: Record<string, number>;
  skipped: Record<string, number>;
  invalid: { where: string; issues: ValidationIssue[] }[];
}

/** `buddie replay`: validates every record first; only valid ones are delivered. */
export class Replayer {
  private readonly delivery: ConnectDelivery;
  readonly report: ReplayReport = { sent: {}, skipped: {}, invalid: [] };

  constructor(env: Record<string, string | undefined>) {
    this.delivery = new ConnectDelivery(loadConfig(BuddieConfig, env as NodeJS.ProcessEnv));
  }

  async replayPath(path: string): Promise<ReplayReport> {
    const files = listRecordFiles(path);
    // Contact Lens analysis files first (single JSON documents), so a contact's transcript is in S3
    // before its CTR reaches the summarizer, as it is in AWS.
    const done = new Set<string>();
    for (const file of files.filter((f) => !f.endsWith('.jsonl'))) {
      const records = this.read(file);
      if (records.length === 0) done.add(file);
      if (records.length === 0 || !records.every((record) => isContactLensDocument(record.value))) continue;
      for (const record of records) await this.add(record);
      done.add(file);
    }
    for (const file of files.filter((f) => !done.has(f))) {
      for (const record of this.read(file)) await this.add(record);
    }
    await this.delivery.flush();
    return this.report;
  }

  close(): void {
    this.delivery.close();
  }

  /** A file that is not JSON is one validation error of the replay, not the end of it. */
  private read(file: string): FileRecord[] {
    try {
      return readRecords(file);
    } catch (error) {
      if (!(error instanceof RecordFileError)) throw error;
      this.report.invalid.push({ where: file, issues: [{ path: '', message: error.message.slice(file.length + 2) }] });
      return [];
    }
  }

  private count(bucket: Record<string, number>, kind: string): void {
    bucket[kind] = (bucket[kind] ?? 0) + 1;
  }

  private invalid(record: FileRecord, issues: ValidationIssue[]): void {
    this.report.invalid.push({ where: `${record.file}${record.line ? `:${record.line}` : ''}`, issues });
  }

  private async add(record: FileRecord): Promise<void> {
    if (record.error) return this.invalid(record, [{ path: '', message: record.error }]);
    const kind = recordKind(record.value);
    const value = record.value as Record<string, unknown>;
    switch (kind) {
      case 'ctr': {
        const ctr = value['detail-type'] ? value.detail : value;
        const parsed = parseCtr(ctr);
        if (!parsed.ok) return this.invalid(record, parsed.issues);
        await this.delivery.ctr(parsed.value);
        break;
      }
      case 'contact-event': {
        const parsed = parseContactEvent(value.detail);
        if (!parsed.ok) return this.invalid(record, parsed.issues);
        await this.delivery.contactEvent(value.detail, typeof value.time === 'string' ? value.time : undefined, value.resources as string[] | undefined);
        break;
      }
      case 'agent-event': {
        const parsed = parseAgentEvent(value);
        if (!parsed.ok) return this.invalid(record, parsed.issues);
        await this.delivery.agentEvent(parsed.value);
        break;
      }
      case 'flow-log': {
        const parsed = parseFlowLogEntry(value);
        if (!parsed.ok) return this.invalid(record, parsed.issues);
        this.delivery.flowLog(parsed.value);
        break;
      }
      case 'transcript': {
        // Contact Lens output has a home in S3; other transcript formats are read where they are.
        if (!isContactLensDocument(value)) return this.count(this.report.skipped, kind);
        const parsed = parseTranscript(value);
        if (!parsed.ok) return this.invalid(record, parsed.issues);
        await this.delivery.contactLensAnalysis(value);
        break;
      }
      default:
        this.count(this.report.skipped, kind);
        return;
    }
    this.count(this.report.sent, kind);
  }
}

export function formatReport(report: ReplayReport): string {
  const lines = [`sent: ${JSON.stringify(report.sent)}`];
  if (Object.keys(report.skipped).length) lines.push(`skipped (not replayable): ${JSON.stringify(report.skipped)}`);
  lines.push(`validation errors: ${report.invalid.length}`);
  for (const bad of report.invalid.slice(0, 20)) lines.push(`  ${bad.where}: ${formatIssues(bad.issues)}`);
  return lines.join('\n');
}
