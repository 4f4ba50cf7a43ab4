import type { AgentEventRecord, ContactLensTranscript, ContactTraceRecord, FlowLogEntry } from './connect-records';

/**
 * Where simulated records go. The file sink writes a replayable folder; the runtime's live sink delivers through
 * the entry points AWS uses (EventBridge envelopes to the ingestion queue, Kinesis records, flow-log intake).
 * A method may return a promise; the runner waits for it before emitting the next record, which keeps order and
 * gives back-pressure.
 */
export interface SimulatorSink {
  ctr(record: ContactTraceRecord): void | Promise<void>;
  agentEvent(record: AgentEventRecord): void | Promise<void>;
  flowLog(entry: FlowLogEntry): void | Promise<void>;
  transcript(contactId: string, doc: ContactLensTranscript): void | Promise<void>;
  flush?(): Promise<void>;
}

/** Keeps everything in memory: for tests and small runs only. */
export class MemorySink implements SimulatorSink {
  readonly ctrs: ContactTraceRecord[] = [];
  readonly agentEvents: AgentEventRecord[] = [];
  readonly flowLogs: FlowLogEntry[] = [];
  readonly transcripts = new Map<string, ContactLensTranscript>();

  ctr(record: ContactTraceRecord): void {
    this.ctrs.push(record);
  }

  agentEvent(record: AgentEventRecord): void {
    this.agentEvents.push(record);
  }

  flowLog(entry: FlowLogEntry): void {
    this.flowLogs.push(entry);
  }

  transcript(contactId: string, doc: ContactLensTranscript): void {
    this.transcripts.set(contactId, doc);
  }
}
