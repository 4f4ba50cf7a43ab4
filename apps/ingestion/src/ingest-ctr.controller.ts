import { randomUUID } from 'node:crypto';
import { Body, Controller, HttpCode, Inject, Post, Res } from '@nestjs/common';
import { parseCtrDelivery, type ValidationIssue } from '@buddie/connect';
import type { IngestionConfig } from '@buddie/config';
import { BuddieError, InvalidInputError } from '@buddie/domain';
import { BUDDIE_CONFIG, Scopes } from '@buddie/runtime';
import { IngestionService, type CtrIngestResult } from './ingestion.service';

type RecordResult = ({ index: number } & CtrIngestResult) | { index: number; error: { code: string; issues: ValidationIssue[] } };

interface StatusReply {
  status(code: number): { send(body: unknown): void };
}

/**
 * HTTP intake for sources without EventBridge: one CTR, an array, or `{ "records": [...] }`; each record
 * bare or in the EventBridge event the CTR pipe delivers (as `buddie parse ctr` reads it).
 * Every record is validated on its own; good ones are stored even when others in the batch are bad
 * (207 with per-record results), so one bad record never blocks the rest. Callers need an API key
 * with the `ingest` scope (the global route guard checks it from this handler's metadata).
 */
@Controller('ingest')
export class IngestCtrController {
  constructor(
    private readonly ingestion: IngestionService,
    @Inject(BUDDIE_CONFIG) private readonly config: IngestionConfig,
  ) {}

  @Post('ctr')
  @HttpCode(200)
  @Scopes('ingest')
  async ingest(@Body() body: unknown, @Res() reply: StatusReply): Promise<void> {
    const records = this.records(body);
    const correlationId = randomUUID();
    const results: RecordResult[] = [];
    for (const [index, raw] of records.entries()) {
      const parsed = parseCtrDelivery(raw);
      if (!parsed.ok) {
        results.push({ index, error: { code: 'CONNECT_VALIDATION', issues: parsed.issues } });
        continue;
      }
      try {
        results.push({ index, ...(await this.ingestion.ingestCtr(parsed.value, correlationId)) });
      } catch (error) {
        // A record refused by a rule (future timestamp, DynamoDB limits) is that record's error, not the batch's.
        if (!(error instanceof BuddieError) || !error.permanent) throw error;
        results.push({ index, error: { code: error.code, issues: (error.details as ValidationIssue[] | undefined) ?? [{ path: '', message: error.message }] } });
      }
    }
    const failed = results.filter((r) => 'error' in r).length;
    const status = failed === 0 ? 200 : failed === results.length ? 400 : 207;
    const summary = { accepted: results.length - failed, rejected: failed, correlationId, results };
    if (status === 400 && !Array.isArray(body) && records.length === 1) {
      const first = results[0] as Extract<RecordResult, { error: unknown }>;
      const message = first.error.code === 'CONNECT_VALIDATION' ? 'the contact trace record is invalid' : first.error.issues.map((issue) => issue.message).join('; ');
      reply.status(400).send({ error: { code: first.error.code, message, details: first.error.issues } });
      return;
    }
    reply.status(status).send(status === 400 ? { error: { code: 'CONNECT_VALIDATION', message: 'every record is invalid', details: summary } } : summary);
  }

  private records(body: unknown): unknown[] {
    const list = Array.isArray(body)
      ? body
      : body && typeof body === 'object' && Array.isArray((body as { records?: unknown }).records)
        ? (body as { records: unknown[] }).records
        : body && typeof body === 'object'
          ? [body]
          : undefined;
    if (!list) throw new InvalidInputError('body must be a contact trace record, an array of them, or {"records": [...]}');
    if (list.length === 0) throw new InvalidInputError('no records in the body');
    if (list.length > this.config.MAX_BATCH_RECORDS) {
      throw new InvalidInputError(`at most ${this.config.MAX_BATCH_RECORDS} records per request; got ${list.length}`);
    }
    return list;
  }
}
