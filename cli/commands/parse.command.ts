import type { Command } from 'commander';
import { detectTranscriptFormat, formatIssues, parseAgentEvent, parseCtrDelivery, parseFlowLogEntry, parseTranscript, type ParseResult } from '@buddie/connect';
import { readRecords } from '../record-files';

const PARSERS: Record<string, (value: unknown) => ParseResult<unknown>> = {
  ctr: parseCtrDelivery,
  'agent-event': parseAgentEvent,
  'flow-log': parseFlowLogEntry,
  transcript: parseTranscript,
};

export function registerParse(program: Command): void {
  program
    .command('parse <kind> <file>')
    .description(`print the normalized record(s) as JSON, or the validation errors (exit 1); kind: ${Object.keys(PARSERS).join(' | ')}`)
    .action((kind: string, file: string) => {
      const parser = PARSERS[kind];
      if (!parser) throw new Error(`unknown kind '${kind}': use one of ${Object.keys(PARSERS).join(', ')}`);
      let records = readRecords(file);
      // A Contact Lens real-time segment stream saved as one JSON array is one transcript, not one per event.
      const whole = records.map((r) => r.value);
      if (kind === 'transcript' && records.length > 1 && !file.endsWith('.jsonl') && detectTranscriptFormat(whole) === 'contact-lens-realtime') records = [{ file, value: whole }];
      const values: unknown[] = [];
      let failures = 0;
      for (const record of records) {
        if (record.error) {
          failures++;
          console.error(`${record.file}:${record.line}: ${record.error}`);
          continue;
        }
        const result = parser(record.value);
        if (result.ok) values.push(result.value);
        else {
          failures++;
          console.error(`${record.file}${record.line ? `:${record.line}` : ''}: ${formatIssues(result.issues)}`);
        }
      }
      console.log(JSON.stringify(values.length === 1 && records.length === 1 ? values[0] : values, null, 2));
      if (failures > 0) process.exitCode = 1;
    });
}
