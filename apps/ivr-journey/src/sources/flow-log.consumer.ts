import { Inject, Injectable, Logger } from '@nestjs/common';
import { decodeFlowLogRecord, type FlowLogEntry } from '@buddie/connect';
import { forEachLimit, type Clock } from '@buddie/domain';
import type { ShardBatch, ShardBatchHandler } from '@buddie/messaging';
import { MetricsRegistry } from '@buddie/observability';
import { CLOCK } from '@buddie/runtime';
import { JourneyAssemblyService } from '../assembly/journey-assembly.service';
import { FlowLogDeadLetters, type RejectedFlowLog } from './flow-log-dead-letters';

/**
 * The flow-log stream: CloudWatch Logs subscription records, each with log events of any contacts.
 * Entries are grouped per contact and stored; unreadable records and lines go to the DLQ with a reason.
 * The batch is checkpointed only after both, so a crash re-reads it (entries are idempotent).
 */
@Injectable()
export class FlowLogConsumer implements ShardBatchHandler {
  private readonly logger = new Logger(FlowLogConsumer.name);

  constructor(
    private readonly assembly: JourneyAssemblyService,
    private readonly deadLetters: FlowLogDeadLetters,
    private readonly metrics: MetricsRegistry,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handleBatch(batch: ShardBatch): Promise<void> {
    const byContact = new Map<string, FlowLogEntry[]>();
    const rejected: RejectedFlowLog[] = [];
    for (const record of batch.records) {
      const decoded = decodeFlowLogRecord(record.data);
      if (decoded.kind === 'control') {
        this.metrics.increment('buddie_flow_log_control_messages_total', {}, 1, 'CloudWatch Logs CONTROL_MESSAGE records skipped');
        continue;
      }
      if (decoded.kind === 'rejected') {
        rejected.push({ ...decoded.rejection, shardId: batch.shardId, sequenceNumber: record.sequenceNumber });
        continue;
      }
      for (const r of decoded.rejected) rejected.push({ ...r, shardId: batch.shardId, sequenceNumber: record.sequenceNumber });
      for (const entry of decoded.entries) {
        const list = byContact.get(entry.ContactId);
        if (list) list.push(entry);
        else byContact.set(entry.ContactId, [entry]);
      }
    }
    if (rejected.length) {
      for (const r of rejected) this.metrics.increment('buddie_flow_log_rejected_total', { reason: r.reason }, 1, 'Flow-log records or lines sent to the DLQ');
      this.logger.warn(`${rejected.length} flow-log record(s)/line(s) rejected to the DLQ (first: ${rejected[0].reason}: ${rejected[0].detail.slice(0, 200)})`);
      await this.deadLetters.send(rejected, this.clock.now().toISOString());
    }
    await forEachLimit([...byContact.entries()], 8, ([contactId, entries]) => this.assembly.entriesArrived(contactId, entries));
  }
}
