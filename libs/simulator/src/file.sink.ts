import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AgentConfiguration, AgentEventRecord, AgentSnapshot, ContactLensTranscript, ContactTraceRecord, FlowLogEntry } from './connect-records';
import type { SimulationResult } from './run-simulation';
import type { SimulatorSink } from './simulator.sink';

/**
 * Appends lines through a large buffer with synchronous writes: a day is gigabytes and is never held in memory.
 * Files roll over at `partBytes` so that no part is larger than a reader can hold in one string (V8 caps strings
 * at about 512 MB); a stream that fits in one part keeps the plain name (`ctrs.jsonl`).
 */
class LineWriter {
  private fd: number;
  private chunks: string[] = [];
  private size = 0;
  private written = 0;
  private part = 1;
  readonly files: string[] = [];

  constructor(
    private readonly dir: string,
    private readonly base: string,
    private readonly partBytes: number,
    private readonly bufferBytes = 4 * 1024 * 1024,
  ) {
    this.fd = this.open();
  }

  line(text: string): void {
    if (this.written + this.size + text.length + 1 > this.partBytes && this.written + this.size > 0) {
      this.drain();
      fs.closeSync(this.fd);
      this.part++;
      this.fd = this.open();
    }
    this.chunks.push(text, '\n');
    this.size += text.length + 1;
    if (this.size >= this.bufferBytes) this.drain();
  }

  close(): void {
    this.drain();
    fs.closeSync(this.fd);
    if (this.files.length === 1) {
      const plain = `${this.base}.jsonl`;
      fs.renameSync(path.join(this.dir, this.files[0]), path.join(this.dir, plain));
      this.files[0] = plain;
    }
  }

  private open(): number {
    const name = `${this.base}-${String(this.part).padStart(4, '0')}.jsonl`;
    this.files.push(name);
    this.written = 0;
    return fs.openSync(path.join(this.dir, name), 'w');
  }

  private drain(): void {
    if (this.chunks.length === 0) return;
    const text = this.chunks.join('');
    fs.writeSync(this.fd, text);
    this.written += text.length;
    this.chunks = [];
    this.size = 0;
  }
}

export const FILE_LAYOUT = {
  ctrs: 'ctrs',
  agentEvents: 'agent-events',
  flowLogs: 'flow-logs',
  transcripts: 'transcripts',
  manifest: 'manifest.json',
} as const;

export interface FileSinkOptions {
  /** Largest size of one .jsonl part (characters); default 256 MB. */
  partBytes?: number;
}

/**
 * Writes a simulated day as a replayable folder: ctrs.jsonl, agent-events.jsonl, flow-logs.jsonl (one record per
 * line, in emission order; large streams as numbered parts, agent-events-0001.jsonl, ...),
 * transcripts/<contactId>.json and manifest.json (config, counts, stats and the list of files).
 */
export class FileSink implements SimulatorSink {
  private readonly ctrs: LineWriter;
  private readonly agentEvents: LineWriter;
  private readonly flowLogs: LineWriter;
  private readonly transcriptDir: string;
  private closed = false;
  // Snapshots repeat (Previous = last Current, heartbeats reuse Current) and configurations are shared,
  // so serialise each object once. JSON.stringify on every line would dominate the run time.
  private readonly snapshotJson = new WeakMap<AgentSnapshot, string>();
  private readonly configurationJson = new WeakMap<AgentConfiguration, string>();
  private readonly parametersJson = new WeakMap<Record<string, unknown>, string>();

  constructor(
    readonly dir: string,
    options: FileSinkOptions = {},
  ) {
    const partBytes = options.partBytes ?? 256 * 1024 * 1024;
    fs.mkdirSync(dir, { recursive: true });
    this.transcriptDir = path.join(dir, FILE_LAYOUT.transcripts);
    fs.mkdirSync(this.transcriptDir, { recursive: true });
    this.ctrs = new LineWriter(dir, FILE_LAYOUT.ctrs, partBytes);
    this.agentEvents = new LineWriter(dir, FILE_LAYOUT.agentEvents, partBytes);
    this.flowLogs = new LineWriter(dir, FILE_LAYOUT.flowLogs, partBytes);
  }

  /** The .jsonl files written so far, per stream (final names once flushed). */
  files(): { ctrs: string[]; agentEvents: string[]; flowLogs: string[] } {
    return { ctrs: [...this.ctrs.files], agentEvents: [...this.agentEvents.files], flowLogs: [...this.flowLogs.files] };
  }

  ctr(record: ContactTraceRecord): void {
    this.ctrs.line(JSON.stringify(record));
  }

  agentEvent(record: AgentEventRecord): void {
    this.agentEvents.line(serializeAgentEvent(record, (s) => this.snapshot(s)));
  }

  flowLog(entry: FlowLogEntry): void {
    this.flowLogs.line(serializeFlowLog(entry, (p) => this.parameters(p)));
  }

  transcript(contactId: string, doc: ContactLensTranscript): void {
    fs.writeFileSync(path.join(this.transcriptDir, `${contactId}.json`), JSON.stringify(doc));
  }

  async flush(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.ctrs.close();
    this.agentEvents.close();
    this.flowLogs.close();
  }

  writeManifest(result: SimulationResult, extra: Record<string, unknown> = {}): void {
    const manifest = {
      generator: 'buddie-simulator',
      files: { ...this.files(), transcripts: `${FILE_LAYOUT.transcripts}/<contactId>.json` },
      config: result.config,
      counts: result.counts,
      stats: result.stats,
      elapsedMs: result.elapsedMs,
      ...extra,
    };
    fs.writeFileSync(path.join(this.dir, FILE_LAYOUT.manifest), JSON.stringify(manifest, null, 2) + '\n');
  }

  private parameters(p: Record<string, unknown>): string {
    let json = this.parametersJson.get(p);
    if (json === undefined) {
      json = JSON.stringify(p);
      this.parametersJson.set(p, json);
    }
    return json;
  }

  private snapshot(s: AgentSnapshot): string {
    let json = this.snapshotJson.get(s);
    if (json === undefined) {
      let config = this.configurationJson.get(s.Configuration);
      if (config === undefined) {
        config = JSON.stringify(s.Configuration);
        this.configurationJson.set(s.Configuration, config);
      }
      json = `{"AgentStatus":${JSON.stringify(s.AgentStatus)},"Configuration":${config},"Contacts":${JSON.stringify(s.Contacts)}`;
      if (s.NextAgentStatus !== undefined) json += `,"NextAgentStatus":${JSON.stringify(s.NextAgentStatus)}`;
      json += '}';
      this.snapshotJson.set(s, json);
    }
    return json;
  }
}

/** Same text as JSON.stringify(record) for the simulator's records, built from cached snapshot strings. */
export function serializeAgentEvent(record: AgentEventRecord, snapshot: (s: AgentSnapshot) => string): string {
  const previous = record.PreviousAgentSnapshot === null ? 'null' : snapshot(record.PreviousAgentSnapshot);
  return (
    `{"AWSAccountId":${JSON.stringify(record.AWSAccountId)},"AgentARN":${JSON.stringify(record.AgentARN)},` +
    `"CurrentAgentSnapshot":${snapshot(record.CurrentAgentSnapshot)},"EventId":${JSON.stringify(record.EventId)},` +
    `"EventTimestamp":${JSON.stringify(record.EventTimestamp)},"EventType":${JSON.stringify(record.EventType)},` +
    `"InstanceARN":${JSON.stringify(record.InstanceARN)},"PreviousAgentSnapshot":${previous},"Version":${JSON.stringify(record.Version)}}`
  );
}

/** Same text as JSON.stringify(entry), with the (mostly shared) Parameters serialised through a cache. */
export function serializeFlowLog(entry: FlowLogEntry, parameters: (p: Record<string, unknown>) => string): string {
  let json =
    `{"ContactId":${JSON.stringify(entry.ContactId)},"ContactFlowId":${JSON.stringify(entry.ContactFlowId)},` +
    `"ContactFlowName":${JSON.stringify(entry.ContactFlowName)},"ContactFlowModuleType":${JSON.stringify(entry.ContactFlowModuleType)},` +
    `"Identifier":${JSON.stringify(entry.Identifier)},"Timestamp":${JSON.stringify(entry.Timestamp)},"Parameters":${parameters(entry.Parameters)}`;
  if (entry.Results !== undefined) json += `,"Results":${JSON.stringify(entry.Results)}`;
  if (entry.ExternalResults !== undefined) json += `,"ExternalResults":${JSON.stringify(entry.ExternalResults)}`;
  return json + '}';
}
